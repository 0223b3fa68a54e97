package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/**
 * Keras's Dropout (inverted): in training, y = x * mask with mask = 1/(1-rate) kept with
 * probability 1 - rate, else 0; in inference, y = x. Backward: dx = dy * mask (written).
 * The mask comes from a counter-based generator keyed by (seed, training step, layer): the same
 * seed gives the same masks on every run and every backend.
 *
 * <p>Keras's {@code noise_shape} draws one mask value per cell of a smaller shape, broadcast over
 * the rest: EfficientNet's drop-connect, {@code noise_shape=(None, 1, 1, 1)}, keeps or drops whole
 * samples of a residual branch.
 */
public class Dropout extends Layer implements SeededLayer {
    private final double rate;
    private int[] noiseShape;   // per sample, Keras's order, -1 for None (the input's size); null for the input's shape
    private long seed;
    private Tensor mask;
    private Tensor y;
    private Tensor dx;
    private boolean lastForwardTrained;

    public Dropout(double rate) {
        super(null);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.seed = name().hashCode();
    }

    @Override
    public void setSeed(long s) {
        this.seed = s;
    }

    /** Sets the seed the masks derive from (the model sets it from its own seed). */
    public Dropout seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * Keras's noise_shape, per sample in Keras's channels-last order; -1 stands for None (the input's
     * size on that axis), 1 for an axis the mask broadcasts along: {@code noiseShape(1, 1, 1)} drops
     * whole samples.
     */
    public Dropout noiseShape(int... perSample) {
        requireNotBuilt("set the noise shape of");
        this.noiseShape = perSample.clone();
        return this;
    }

    /** The mask's per-sample shape in our order: the input's, with noise_shape's 1s. */
    private int[] maskShape() {
        int[] in = inputShape();
        if (noiseShape == null) {
            return in;
        }
        int[] keras = toChannelsLast(in);
        for (int i = 0; i < keras.length; i++) {
            keras[i] = noiseShape[i] == -1 ? keras[i] : noiseShape[i];
        }
        return toChannelsFirst(keras);
    }

    @Override
    public boolean isStochasticInTraining() {
        return rate > 0;
    }

    public double rate() {
        return rate;
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (noiseShape != null) {
            int[] keras = toChannelsLast(in);
            boolean ok = noiseShape.length == keras.length;
            boolean ones = false;  // with the batch axis in front, the mask's non-1 axes must be one leading run
            for (int i = 0; ok && i < keras.length; i++) {
                int d = noiseShape[i] == -1 ? keras[i] : noiseShape[i];
                ok = d == 1 || d == keras[i];
            }
            int[] ours = ok ? toChannelsFirst(withNone(keras)) : null;
            for (int i = 0; ok && i < ours.length; i++) {
                ok = ours[i] == 1 ? (ones = true) : !ones;
            }
            if (!ok) {
                throw new IllegalArgumentException("layer " + name() + " (Dropout): noise_shape " + java.util.Arrays.toString(noiseShape)
                        + " does not fit input " + kerasShape(in) + " (each entry -1 for the input's size, or 1; conv4j broadcasts"
                        + " masks such as (1, 1, 1) per sample or (1, 1, C) per channel)");
            }
        }
        return in.clone();
    }

    private int[] withNone(int[] keras) {
        int[] out = keras.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = noiseShape[i] == -1 ? keras[i] : noiseShape[i];
        }
        return out;
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        lastForwardTrained = training && rate > 0;
        if (!lastForwardTrained) {
            return x;
        }
        mask = reuse(mask, batchShape(x.dim(0), maskShape()));
        y = reuse(y, x.shape());
        backend.dropoutMask(mask, rate, seed * 0x9E3779B97F4A7C15L + trainingStep);
        applyMask(x, y);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        if (!lastForwardTrained) {
            return List.of(gradOutput);
        }
        dx = reuse(dx, gradOutput.shape());
        applyMask(gradOutput, dx);
        return List.of(dx);
    }

    private void applyMask(Tensor in, Tensor out) {
        if (mask.size() == in.size()) {
            backend.multiply(in, mask, out);
        } else {
            backend.multiplyBroadcast(in, mask, out);
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("rate", rate);
        if (noiseShape != null) {
            c.put("noise_shape", java.util.Arrays.stream(noiseShape).boxed().toList());
        }
        return c;
    }
}
