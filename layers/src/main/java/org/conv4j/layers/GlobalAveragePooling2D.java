package org.conv4j.layers;

import java.util.List;
import org.conv4j.engine.Tensor;

/** Keras's GlobalAveragePooling2D: (N, C, H, W) to (N, C), the mean of each plane; backward spreads dy / (H*W). */
public class GlobalAveragePooling2D extends Layer {
    private Tensor input;
    private Tensor y;
    private Tensor dx;

    public GlobalAveragePooling2D() {
        super(null);
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 3) {
            throw new IllegalArgumentException("layer " + name() + " (GlobalAveragePooling2D) expects images (None, H, W, C), got "
                    + kerasShape(in));
        }
        return new int[] {in[0]};
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        y = reuse(y, input.dim(0), input.dim(1));
        backend.globalAvgPoolForward(input, y);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, input.shape());
        backend.globalAvgPoolBackward(gradOutput, dx);
        return List.of(dx);
    }
}
