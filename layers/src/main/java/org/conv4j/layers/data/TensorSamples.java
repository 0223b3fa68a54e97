package org.conv4j.layers.data;

import java.util.Arrays;
import org.conv4j.engine.Tensor;

/** The samples of host tensors x (N, ...) and y (N) or (N, K), read in place. */
final class TensorSamples implements Samples {
    private final Tensor x;
    private final Tensor y;
    private final int sample;
    private final int label;

    TensorSamples(Tensor x, Tensor y) {
        if (x.isOnDevice() || y.isOnDevice()) {
            throw new IllegalArgumentException("a dataset reads host tensors; got " + x.deviceName() + " / " + y.deviceName());
        }
        if (y.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException("dataset: " + x.dim(0) + " samples but " + y.dim(0) + " labels");
        }
        this.x = x;
        this.y = y;
        this.sample = x.size() / Math.max(1, x.dim(0));
        this.label = y.size() / Math.max(1, y.dim(0));
    }

    @Override
    public int size() {
        return x.dim(0);
    }

    @Override
    public int[] shape() {
        return Arrays.copyOfRange(x.shape(), 1, x.rank());
    }

    @Override
    public int[] labelShape() {
        return Arrays.copyOfRange(y.shape(), 1, y.rank());
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        copy(x, index * sample, dst, offset, sample);
    }

    @Override
    public void readLabel(int index, float[] dst, int offset) {
        copy(y, index * label, dst, offset, label);
    }

    private static void copy(Tensor t, int from, float[] dst, int offset, int n) {
        if (t.dtype() == org.conv4j.engine.DType.F32) {
            System.arraycopy(t.floats(), from, dst, offset, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[offset + i] = (float) t.get(from + i);
            }
        }
    }
}
