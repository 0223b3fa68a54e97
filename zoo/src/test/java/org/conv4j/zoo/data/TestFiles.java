package org.conv4j.zoo.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds small data set files in the official formats for the tests. */
final class TestFiles {
    private TestFiles() {}

    /** The pixel value the generated files put at image n, channel c, row y, column x. */
    static int pixelValue(int n, int c, int y, int x) {
        return (n * 31 + c * 101 + y * 7 + x * 3) & 0xFF;
    }

    /** {@code labels.length} CIFAR-10 records: label byte, then R, G, B planes of 32x32. */
    static byte[] cifarRecords(int... labels) {
        byte[] data = new byte[labels.length * Cifar10.RECORD_BYTES];
        for (int n = 0; n < labels.length; n++) {
            int base = n * Cifar10.RECORD_BYTES;
            data[base] = (byte) labels[n];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        data[base + 1 + (c * 32 + y) * 32 + x] = (byte) pixelValue(n, c, y, x);
                    }
                }
            }
        }
        return data;
    }

    /** An IDX images file of {@code count} images of rows x columns with pixelValue(n, 0, y, x). */
    static byte[] idxImages(int magic, int count, int rows, int columns) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * rows * columns);
        buffer.putInt(magic).putInt(count).putInt(rows).putInt(columns);
        for (int n = 0; n < count; n++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    buffer.put((byte) pixelValue(n, 0, y, x));
                }
            }
        }
        return buffer.array();
    }

    static byte[] idxLabels(int magic, int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(magic).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A ustar archive of the given files (names up to 100 characters), in map order, preceded by a
     * directory entry so that readers must skip entries that are not regular files.
     */
    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tarHeader("cifar-10-batches-bin/", 0, '5'));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] content = file.getValue();
            out.writeBytes(tarHeader(file.getKey(), content.length, '0'));
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] tarHeader(String name, long size, char type) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 0));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        put(header, 148, "        ");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum));
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
