package org.conv4j.layers.data;

import java.util.concurrent.atomic.AtomicReferenceArray;

/** Samples kept in memory once read: each sample's values and label are read from the source once. */
final class CachedSamples implements Samples {
    private final Samples source;
    private final int size;
    private final int labelSize;
    private final AtomicReferenceArray<float[]> cache;

    CachedSamples(Samples source) {
        this.source = source;
        this.size = Samples.count(source.shape());
        this.labelSize = Samples.count(source.labelShape());
        this.cache = new AtomicReferenceArray<>(source.size());
    }

    private float[] sample(int index) {
        float[] v = cache.get(index);
        if (v == null) {
            v = new float[size + labelSize];
            source.read(index, v, 0);
            source.readLabel(index, v, size);
            cache.set(index, v); // two threads reading one sample at once store equal values
        }
        return v;
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
