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
 * archive is not cut off. Progress goes to stderr: redrawn in place on a terminal, else one line
 * when the download starts and one when it ends.
 */
final class HttpDownload {
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int READ_TIMEOUT_MS = 60_000;

    private HttpDownload() {}

    private static final long REDRAW_NANOS = 100_000_000L;

    /** Writes the body of {@code url} to {@code file}, feeding every byte to {@code digest}. */
    static void copy(String url, Path file, MessageDigest digest) throws IOException {
        copy(url, file, digest, System.err, org.conv4j.layers.train.ProgressBar.isInteractive());
    }

    static void copy(String url, Path file, MessageDigest digest, java.io.PrintStream progress, boolean interactive) throws IOException {
        URLConnection connection = URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        try {
            if (connection instanceof HttpURLConnection http && http.getResponseCode() != HttpURLConnection.HTTP_OK) {
                throw new IOException("the server answered HTTP " + http.getResponseCode() + " " + http.getResponseMessage());
            }
            long total = connection.getContentLengthLong();
            String name = url.substring(url.lastIndexOf('/') + 1);
            if (!interactive) {
                progress.println("Downloading " + url + (total > 0 ? String.format(java.util.Locale.ROOT, " (%.1f MB)", total / 1e6) : "") + " ...");
            }
            long done = 0, lastDraw = 0;
            try (InputStream in = new DigestInputStream(connection.getInputStream(), digest);
                 OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    if (interactive && System.nanoTime() - lastDraw > REDRAW_NANOS) {
                        lastDraw = System.nanoTime();
                        progress.print("\r" + line(name, done, total));
                    }
                }
            }
            progress.println(interactive ? "\r" + line(name, done, total) : "Downloaded " + name + String.format(java.util.Locale.ROOT, " (%.1f MB)", done / 1e6));
        } finally {
            if (connection instanceof HttpURLConnection http) {
                http.disconnect();
            }
        }
    }

    /** "Downloading NAME: 12.3 / 14.5 MB (85%)", or without the total when the server gives none. */
    static String line(String name, long done, long total) {
        return total > 0 ? String.format(java.util.Locale.ROOT, "Downloading %s: %.1f / %.1f MB (%d%%)", name, done / 1e6, total / 1e6,
                done * 100 / total) : String.format(java.util.Locale.ROOT, "Downloading %s: %.1f MB", name, done / 1e6);
    }
}
