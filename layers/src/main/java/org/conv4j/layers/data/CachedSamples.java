package org.conv4j.layers.data;

import java.util.concurrent.atomic.AtomicReferenceArray;

/** Samples kept in memory once read: each sample's values and label are read from the source once. */
final class CachedSamples extends StoredSamples {
    private final AtomicReferenceArray<float[]> cache;

    CachedSamples(Samples source) {
        super(source);
        this.cache = new AtomicReferenceArray<>(source.size());
    }

    @Override
    protected float[] sample(int index) {
        float[] v = cache.get(index);
        if (v == null) {
            v = new float[size + labelSize];
            source.read(index, v, 0);
            source.readLabel(index, v, size);
            cache.set(index, v); // two threads reading one sample at once store equal values
        }
        return v;
    }
}
