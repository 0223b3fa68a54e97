package org.conv4j.zoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Copies one URL to a file. Timeouts are short for connecting, so that an offline machine fails
 * within seconds, and per read rather than overall, so that a slow but alive download of a large
 * archive is not cut off.
 */
final class HttpDownload {
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int READ_TIMEOUT_MS = 60_000;

    private HttpDownload() {}

    /** Writes the body of {@code url} to {@code file}, feeding every byte to {@code digest}. */
    static void copy(String url, Path file, MessageDigest digest) throws IOException {
        URLConnection connection = URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        try {
            if (connection instanceof HttpURLConnection http && http.getResponseCode() != HttpURLConnection.HTTP_OK) {
                throw new IOException("the server answered HTTP " + http.getResponseCode() + " " + http.getResponseMessage());
            }
            try (InputStream in = new DigestInputStream(connection.getInputStream(), digest);
                 OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
        } finally {
            if (connection instanceof HttpURLConnection http) {
                http.disconnect();
            }
        }
    }
}
