package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.PoolSpec;
import org.conv4j.engine.Tensor;

/**
 * What MaxPooling2D and AveragePooling2D share: a pool window, strides (the pool size unless
 * given, as in Keras), 'valid' or TensorFlow 'same' padding, and (N, C, H, W) images in and out.
 *
 * @param <T> the concrete layer, so that the fluent setters return it
 */
public abstract class Pooling2D<T extends Pooling2D<T>> extends Layer {
    private final int poolH;
    private final int poolW;
    private int strideH;
    private int strideW;
    private Padding padding = Padding.VALID;
    protected PoolSpec spec;
    protected Tensor input;
    protected Tensor y;
    protected Tensor dx;

    protected Pooling2D(int poolH, int poolW) {
        super(null);
        if (poolH < 1 || poolW < 1) {
            throw new IllegalArgumentException(className() + " needs a pool size of at least 1x1, got " + poolH + "x" + poolW);
        }
        this.poolH = poolH;
        this.poolW = poolW;
        this.strideH = poolH;
        this.strideW = poolW;
    }

    @SuppressWarnings("unchecked")
    public T strides(int sh, int sw) {
        requireNotBuilt("set strides of");
        strideH = sh;
        strideW = sw;
        return (T) this;
    }

    @SuppressWarnings("unchecked")
    public T padding(String mode) {
        requireNotBuilt("set padding of");
        padding = Padding.of(mode);
        return (T) this;
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 3) {
            throw new IllegalArgumentException("layer " + name() + " (" + className() + ") expects images (None, H, W, C), got "
                    + kerasShape(in));
        }
        spec = padding == Padding.SAME ? PoolSpec.same(in[1], in[2], poolH, poolW, strideH, strideW)
                : PoolSpec.valid(poolH, poolW, strideH, strideW);
        int oh = spec.outH(in[1]), ow = spec.outW(in[2]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("layer " + name() + ": a " + poolH + "x" + poolW + " pool does not fit input "
                    + kerasShape(in));
        }
        return new int[] {in[0], oh, ow};
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        y = reuse(y, batchShape(input.dim(0), outputShape()));
        pool(input, y);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, input.shape());
        unpool(gradOutput, dx);
        return List.of(dx);
    }

    /** y = the pooled x; writes y. */
    protected abstract void pool(Tensor x, Tensor out);

    /** dx = the gradient of the pooling given dy; writes dx. */
    protected abstract void unpool(Tensor dy, Tensor gradInput);

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("pool_size", List.of(poolH, poolW));
        c.put("strides", List.of(strideH, strideW));
        c.put("padding", padding.kerasName());
        return c;
    }
}
