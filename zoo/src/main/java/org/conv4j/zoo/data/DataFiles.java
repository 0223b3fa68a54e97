package org.conv4j.zoo.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens data files that may or may not be gzipped. The decision follows the content (the gzip
 * magic bytes 1f 8b), not the name, because renamed or re-compressed copies of the official files
 * are common.
 */
final class DataFiles {
    private static final int BUFFER = 1 << 16;

    private DataFiles() {}

    /** A buffered stream of the file's content, decompressed when the file is gzipped. */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            return isGzip(in) ? new GZIPInputStream(in, BUFFER) : in;
        } catch (IOException e) {
            in.close();
            throw withFileName(file, e);
        }
    }

    /** The whole (decompressed) content of the file. */
    static byte[] readAll(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw withFileName(file, e);
        }
    }

    /**
     * {@code e} itself when its message already names {@code file}, else an exception that does:
     * the JDK's stream errors ("Unexpected end of ZLIB input stream") do not say which file failed.
     */
    static IOException withFileName(Path file, IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains(file.toString()) ? e : new IOException(file + ": cannot read (" + e + ")", e);
    }

    /** Peeks at the first two bytes; {@code in} must support mark/reset. */
    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }
}
