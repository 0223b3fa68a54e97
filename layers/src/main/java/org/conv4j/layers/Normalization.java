package org.conv4j.layers;

import java.util.List;
import java.util.Random;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * Keras's Normalization (axis -1, the channels): y = (x - mean[c]) / max(sqrt(variance[c]), 1e-7),
 * with mean and variance as non-trainable weights (Keras's "mean", "variance" and the scalar
 * "count" of samples adapt() saw, which only adapt uses), so a Keras file's statistics load into
 * them. Before loading: mean 0, variance 1 (Keras's initial values).
 *
 * <p>Applied as an inference-mode batch normalization with gamma 1, beta 0 and epsilon 1e-14:
 * sqrt(var + 1e-14) is Keras's floor 1e-7 where var is 0, and for any variance above 1e-10 it
 * differs from sqrt(var) by less than 1e-4 relative (1e-11 for ImageNet's). Backward: dx = dy /
 * sqrt(var + 1e-14) (written); the statistics get no gradient.
 */
public class Normalization extends Layer {
    static final double EPSILON = 1e-14;
    private Parameter mean;
    private Parameter variance;
    private Tensor ones;
    private Tensor zeros;
    private Tensor input;
    private Tensor y;
    private Tensor dx;

    public Normalization() {
        super(null);
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 1 && in.length != 3) {
            throw new IllegalArgumentException("layer " + name() + " (Normalization) expects images or vectors, got " + kerasShape(in));
        }
        int channels = in[0];
        mean = addWeight("mean", new int[] {channels}, Initializer.zeros(), false);
        variance = addWeight("variance", new int[] {channels}, Initializer.ones(), false);
        addWeight("count", new int[0], Initializer.zeros(), false);
        return in.clone();
    }

    @Override
    public void materialize(Backend b, Random rng) {
        super.materialize(b, rng);
        int channels = inputShape()[0];
        ones = b.zeros(channels);
        b.fill(ones, 1);
        zeros = b.zeros(channels);
    }

    public Tensor mean() {
        return mean.value();
    }

    public Tensor variance() {
        return variance.value();
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        y = reuse(y, input.shape());
        backend.batchNormInference(input, ones, zeros, mean.value(), variance.value(), EPSILON, y);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, gradOutput.shape());
        backend.batchNormBackwardInference(input, gradOutput, ones, mean.value(), variance.value(), EPSILON, dx, null, null);
        return List.of(dx);
    }
}
