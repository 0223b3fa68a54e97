package org.conv4j.layers.data;

/** What the two sample caches share: the source's shapes, and values and label read from one stored array per sample. */
abstract class StoredSamples implements Samples {
    protected final Samples source;
    protected final int size;
    protected final int labelSize;

    StoredSamples(Samples source) {
        this.source = source;
        this.size = Samples.count(source.shape());
        this.labelSize = Samples.count(source.labelShape());
    }

    /** Sample {@code index}'s values then label, read from the source the first time. */
    protected abstract float[] sample(int index);

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
