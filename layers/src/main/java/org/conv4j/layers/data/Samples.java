package org.conv4j.layers.data;

/**
 * Samples by index, what a {@link Dataset} is made from: tensors in memory, a decoded image set,
 * files read on demand. Each sample is {@link #shape()} float32 values (our order: (C, H, W) or
 * (F)) and a label of {@link #labelShape()} values (empty for one number: a class index or a 0/1
 * target). Implementations are read from several threads at once.
 */
public interface Samples {
    int size();

    /** The per-sample shape of the values. */
    int[] shape();

    /** The per-sample shape of the labels: {} for one number, {K} for a vector. */
    int[] labelShape();

    /** Writes sample {@code index}'s values to {@code dst} from {@code offset}. */
    void read(int index, float[] dst, int offset);

    /** Writes sample {@code index}'s label to {@code dst} from {@code offset}. */
    void readLabel(int index, float[] dst, int offset);

    /** Elements of a per-sample shape. */
    static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
