package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/** Keras's ZeroPadding2D(((top, bottom), (left, right))): zeros around each plane; backward crops dy. */
public class ZeroPadding2D extends Layer {
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;
    private Tensor input;
    private Tensor y;
    private Tensor dx;

    public ZeroPadding2D(int padding) {
        this(padding, padding, padding, padding);
    }

    public ZeroPadding2D(int top, int bottom, int left, int right) {
        super(null);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("ZeroPadding2D needs non-negative padding, got ((" + top + ", " + bottom
                    + "), (" + left + ", " + right + "))");
        }
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 3) {
            throw new IllegalArgumentException("layer " + name() + " (ZeroPadding2D) expects images (None, H, W, C), got "
                    + kerasShape(in));
        }
        return new int[] {in[0], in[1] + top + bottom, in[2] + left + right};
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        y = reuse(y, batchShape(input.dim(0), outputShape()));
        backend.pad2d(input, y, top, left);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, input.shape());
        backend.crop2d(gradOutput, dx, top, left);
        return List.of(dx);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("padding", List.of(List.of(top, bottom), List.of(left, right)));
        return c;
    }
}
