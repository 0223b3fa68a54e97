package org.conv4j.zoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular files of a tar stream one after the other, enough for the official dataset
 * archives. Layout: each entry is a 512-byte header (name in bytes 0-99, size as octal text in bytes
 * 124-135, type flag at byte 156, and, in POSIX ustar headers only, a name prefix in bytes 345-499,
 * which GNU tar headers use for other fields) followed by its content,
 * padded with zeros to a multiple of 512; the archive ends with a zero block or at end of stream.
 */
final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final String source;
    private long remaining;
    private long padding;

    /** {@code source} names the archive in error messages. */
    TarReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Moves to the next regular file and returns its path inside the archive, or null at the end. */
    String nextFile() throws IOException {
        while (true) {
            skipRest();
            byte[] header = in.readNBytes(BLOCK);
            if (header.length == 0 || isZero(header)) {
                return null;
            }
            if (header.length < BLOCK) {
                throw new IOException(source + ": truncated tar archive, the last header has " + header.length
                        + " of " + BLOCK + " bytes");
            }
            String name = text(header, 0, 100);
            long size = octal(header, 124, 12, name);
            String prefix = isUstar(header) ? text(header, 345, 155) : "";
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            char type = (char) header[156];
            if (type == '0' || type == '\0') {
                return prefix.isEmpty() ? name : prefix + "/" + name;
            }
        }
    }

    /** The whole content of the current file. */
    byte[] readContent() throws IOException {
        if (remaining > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": tar entry of " + remaining + " bytes is too large to read at once");
        }
        byte[] content = in.readNBytes((int) remaining);
        if (content.length < remaining) {
            throw new IOException(source + ": truncated tar archive, an entry of " + remaining
                    + " bytes ends after " + content.length);
        }
        remaining = 0;
        return content;
    }

    private void skipRest() throws IOException {
        long toSkip = remaining + padding;
        remaining = 0;
        padding = 0;
        try {
            in.skipNBytes(toSkip);
        } catch (java.io.EOFException e) {
            throw new IOException(source + ": truncated tar archive, it ends inside an entry", e);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUstar(byte[] header) {
        return text(header, 257, 6).equals("ustar");
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private long octal(byte[] header, int offset, int length, String entry) throws IOException {
        String digits = text(header, offset, length).trim();
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": tar entry '" + entry + "' has size field '" + digits
                    + "', expected octal digits; the archive is corrupt or not a tar file", e);
        }
    }
}
