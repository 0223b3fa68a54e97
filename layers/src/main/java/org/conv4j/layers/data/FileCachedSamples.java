package org.conv4j.layers.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Samples kept in a file once read, for sets too large for memory (decoded images at their final
 * size): sample i's values and label are float32 at offset i * (values + label) * 4. The file
 * belongs to this run: it is created empty (an old one is replaced) and deleted when the JVM exits.
 */
final class FileCachedSamples extends StoredSamples {
    private final FileChannel channel;
    private final AtomicIntegerArray stored;
    private final Path file;

    FileCachedSamples(Samples source, Path file) {
        super(source);
        this.stored = new AtomicIntegerArray(source.size());
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the dataset cache file " + file + ": " + e.getMessage(), e);
        }
        file.toFile().deleteOnExit();
    }

    @Override
    protected float[] sample(int index) {
        int bytes = (size + labelSize) * 4;
        ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[size + labelSize];
        try {
            if (stored.get(index) == 1) {
                long at = (long) index * bytes;
                while (buf.hasRemaining() && channel.read(buf, at + buf.position()) >= 0) {
                    // positional reads may return fewer bytes than asked
                }
                buf.flip();
                buf.asFloatBuffer().get(v);
                return v;
            }
            source.read(index, v, 0);
            source.readLabel(index, v, size);
            buf.asFloatBuffer().put(v);
            long at = (long) index * bytes;
            while (buf.hasRemaining()) {
                channel.write(buf, at + buf.position());
            }
            stored.set(index, 1);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("dataset cache file " + file + ": " + e.getMessage(), e);
        }
    }
}
