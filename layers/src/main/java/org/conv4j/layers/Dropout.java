package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/**
 * Keras's Dropout (inverted): in training, y = x * mask with mask = 1/(1-rate) kept with
 * probability 1 - rate, else 0; in inference, y = x. Backward: dx = dy * mask (written).
 * The mask comes from a counter-based generator keyed by (seed, training step, layer): the same
 * seed gives the same masks on every run and every backend.
 */
public class Dropout extends Layer {
    private final double rate;
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

    /** Sets the seed the masks derive from (the model sets it from its own seed). */
    public Dropout seed(long s) {
        this.seed = s;
        return this;
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
        return inputShapes.get(0).clone();
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        lastForwardTrained = training && rate > 0;
        if (!lastForwardTrained) {
            return x;
        }
        mask = reuse(mask, x.shape());
        y = reuse(y, x.shape());
        backend.dropoutMask(mask, rate, seed * 0x9E3779B97F4A7C15L + trainingStep);
        backend.multiply(x, mask, y);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        if (!lastForwardTrained) {
            return List.of(gradOutput);
        }
        dx = reuse(dx, gradOutput.shape());
        backend.multiply(gradOutput, mask, dx);
        return List.of(dx);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("rate", rate);
        return c;
    }
}
