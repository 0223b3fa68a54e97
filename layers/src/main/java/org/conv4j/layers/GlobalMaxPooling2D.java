package org.conv4j.layers;

import java.util.List;
import org.conv4j.engine.PoolSpec;
import org.conv4j.engine.Tensor;

/**
 * Keras's GlobalMaxPooling2D: (N, C, H, W) to (N, C), the max of each plane; backward routes dy to
 * the plane's (first) maximum. A max pool whose window is the whole plane.
 */
public class GlobalMaxPooling2D extends Layer {
    private PoolSpec spec;
    private Tensor input;
    private Tensor y;
    private Tensor dx;

    public GlobalMaxPooling2D() {
        super(null);
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 3) {
            throw new IllegalArgumentException("layer " + name() + " (GlobalMaxPooling2D) expects images (None, H, W, C), got "
                    + kerasShape(in));
        }
        spec = PoolSpec.valid(in[1], in[2], 1, 1);
        return new int[] {in[0]};
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        y = reuse(y, input.dim(0), input.dim(1), 1, 1);
        backend.maxPool2dForward(input, y, spec);
        return y.reshape(input.dim(0), input.dim(1));
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, input.shape());
        backend.maxPool2dBackward(input, gradOutput.reshape(input.dim(0), input.dim(1), 1, 1), dx, spec);
        return List.of(dx);
    }
}
