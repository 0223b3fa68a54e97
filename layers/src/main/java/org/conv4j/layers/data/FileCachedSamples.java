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
final class FileCachedSamples implements Samples {
    private final Samples source;
    private final int size;
    private final int labelSize;
    private final FileChannel channel;
    private final AtomicIntegerArray stored;
    private final Path file;

    FileCachedSamples(Samples source, Path file) {
        this.source = source;
        this.size = Samples.count(source.shape());
        this.labelSize = Samples.count(source.labelShape());
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

    private float[] sample(int index) {
        int bytes = (size + labelSize) * 4;
        ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[size + labelSize];
        try {
            if (stored.get(index) == 1) {
                channel.read(buf, (long) index * bytes);
                buf.flip();
                buf.asFloatBuffer().get(v);
                return v;
            }
            source.read(index, v, 0);
            source.readLabel(index, v, size);
            buf.asFloatBuffer().put(v);
            channel.write(buf, (long) index * bytes);
            stored.set(index, 1);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("dataset cache file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public int[] shape() {
        return source.shape();
    }

    @Override
    public int[] labelShape() {
        return source.labelShape();
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        System.arraycopy(sample(index), 0, dst, offset, size);
    }

    @Override
    public void readLabel(int index, float[] dst, int offset) {
        System.arraycopy(sample(index), size, dst, offset, labelSize);
    }
}
