package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/**
 * Keras's BatchNormalization over the channel axis (Keras's axis=-1 is our axis 1) of (N, C) or
 * (N, C, H, W) inputs. Weights: gamma (1s) and beta (0s) are trainable; moving_mean (0s) and
 * moving_variance (1s) are statistics.
 *
 * <p>Training mode (fit, with the layer trainable): normalizes with the batch mean and biased batch
 * variance, then moving = moving * momentum + batch * (1 - momentum). Inference mode (predict,
 * evaluate, or whenever the layer is frozen, as in Keras 2+): normalizes with the moving statistics,
 * which then never change.
 *
 * <p>Backward: training mode through the batch statistics (see Backend#batchNormBackward), writing
 * dgamma, dbeta and dx; inference mode through the fixed moving statistics, writing dx, and dgamma
 * and dbeta only when the layer trains (a frozen layer's weights get no gradient).
 */
public class BatchNormalization extends Layer {
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private Parameter gamma;
    private Parameter beta;
    private Parameter movingMean;
    private Parameter movingVariance;
    private Tensor input;
    private Tensor y;
    private Tensor batchMean;
    private Tensor batchVariance;
    private Tensor dx;
    private boolean lastForwardTrained;

    public BatchNormalization() {
        super(null);
    }

    public BatchNormalization momentum(double m) {
        requireNotBuilt("set momentum of");
        if (!(m >= 0 && m <= 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1], got " + m);
        }
        momentum = m;
        return this;
    }

    public BatchNormalization epsilon(double e) {
        requireNotBuilt("set epsilon of");
        if (!(e > 0)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be > 0, got " + e);
        }
        epsilon = e;
        return this;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 1 && in.length != 3) {
            throw new IllegalArgumentException("layer " + name() + " (BatchNormalization) expects (None, F) or (None, H, W, C), got "
                    + kerasShape(in));
        }
        int c = in[0];
        gamma = addWeight("gamma", new int[] {c}, Initializer.ones(), true);
        beta = addWeight("beta", new int[] {c}, Initializer.zeros(), true);
        movingMean = addWeight("moving_mean", new int[] {c}, Initializer.zeros(), false);
        movingVariance = addWeight("moving_variance", new int[] {c}, Initializer.ones(), false);
        return in.clone();
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    public Parameter movingMean() {
        return movingMean;
    }

    public Parameter movingVariance() {
        return movingVariance;
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        y = reuse(y, input.shape());
        lastForwardTrained = training && trainsNow();
        if (lastForwardTrained) {
            int c = gamma.value().size();
            batchMean = reuse(batchMean, c);
            batchVariance = reuse(batchVariance, c);
            backend.batchNormTraining(input, gamma.value(), beta.value(), epsilon, y, batchMean, batchVariance);
            updateMoving(movingMean.value(), batchMean);
            updateMoving(movingVariance.value(), batchVariance);
        } else {
            backend.batchNormInference(input, gamma.value(), beta.value(), movingMean.value(), movingVariance.value(), epsilon, y);
        }
        return y;
    }

    /**
     * Inference mode as one affine map per channel, y = scale[c] * x + shift[c], with
     * scale = gamma / sqrt(moving_variance + eps) and shift = beta - moving_mean * scale (float64):
     * what a convolution before this layer folds into its kernel and bias.
     */
    ChannelAffine inferenceAffine() {
        double[] g = gamma.value().toDoubleArray(), b = beta.value().toDoubleArray();
        double[] mean = movingMean.value().toDoubleArray(), var = movingVariance.value().toDoubleArray();
        double[] scale = new double[g.length], shift = new double[g.length];
        for (int c = 0; c < g.length; c++) {
            scale[c] = g[c] / Math.sqrt(var[c] + epsilon);
            shift[c] = b[c] - mean[c] * scale[c];
        }
        return new ChannelAffine(scale, shift);
    }

    /** y[n, c, ...] = scale[c] * x[n, c, ...] + shift[c]. */
    record ChannelAffine(double[] scale, double[] shift) {}

    /** moving = moving * momentum + batch * (1 - momentum) */
    private void updateMoving(Tensor moving, Tensor batch) {
        backend.scale(momentum, moving, moving);
        backend.axpy(1 - momentum, batch, moving);
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, input.shape());
        if (lastForwardTrained) {
            backend.batchNormBackward(input, gradOutput, gamma.value(), batchMean, batchVariance, epsilon,
                    dx, gamma.grad(), beta.grad());
        } else {
            boolean weightGrads = gamma.trainsNow();
            backend.batchNormBackwardInference(input, gradOutput, gamma.value(), movingMean.value(), movingVariance.value(),
                    epsilon, dx, weightGrads ? gamma.grad() : null, weightGrads ? beta.grad() : null);
        }
        return List.of(dx);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        return c;
    }
}
