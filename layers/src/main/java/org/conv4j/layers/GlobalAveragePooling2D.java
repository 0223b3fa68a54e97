package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/**
 * Keras's GlobalAveragePooling2D: (N, C, H, W) to (N, C), the mean of each plane, or with
 * {@code keepdims} to (N, C, 1, 1) (Keras's (None, 1, 1, C)), a view of the same numbers.
 * Backward spreads dy / (H*W) (written).
 */
public class GlobalAveragePooling2D extends Layer {
    private boolean keepdims;
    private Tensor input;
    private Tensor y;
    private Tensor dx;

    public GlobalAveragePooling2D() {
        super(null);
    }

    /** Keras's keepdims: keep the pooled axes as size 1. */
    public GlobalAveragePooling2D keepdims(boolean keep) {
        requireNotBuilt("set keepdims of");
        this.keepdims = keep;
        return this;
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 3) {
            throw new IllegalArgumentException("layer " + name() + " (GlobalAveragePooling2D) expects images (None, H, W, C), got "
                    + kerasShape(in));
        }
        return keepdims ? new int[] {in[0], 1, 1} : new int[] {in[0]};
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        y = reuse(y, input.dim(0), input.dim(1));
        backend.globalAvgPoolForward(input, y);
        return keepdims ? y.reshape(input.dim(0), input.dim(1), 1, 1) : y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, input.shape());
        backend.globalAvgPoolBackward(gradOutput.reshape(input.dim(0), input.dim(1)), dx);
        return List.of(dx);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("keepdims", keepdims);
        return c;
    }
}
