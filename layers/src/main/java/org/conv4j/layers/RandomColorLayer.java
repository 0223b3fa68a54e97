package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.CounterRng;
import org.conv4j.engine.Tensor;

/**
 * Keras's RandomBrightness and RandomContrast: in training each image's values change by a drawn
 * amount and are clipped to value_range (default (0, 255)); the identity at inference. Random
 * numbers come from a counter-based stream keyed by (seed, training step, image). Like the other
 * augmentation layers they sit before the trainable layers: no input gradient in training.
 */
public final class RandomColorLayer extends Layer implements SeededLayer {
    private final boolean contrast;
    private final double[] factor;
    private final double low;
    private final double high;
    private long seed;
    private Tensor y;
    private boolean lastForwardActed;

    private RandomColorLayer(boolean contrast, double[] factor, double low, double high, String name) {
        super(name);
        if (!(low < high)) {
            throw new IllegalArgumentException("value_range must be (low, high) with low < high, got (" + low + ", " + high + ")");
        }
        this.contrast = contrast;
        this.factor = factor;
        this.low = low;
        this.high = high;
        this.seed = name().hashCode();
    }

    /**
     * Keras's RandomBrightness(factor, value_range): adds delta * (high - low) with delta drawn
     * from factor (f for [-f, f], or (lower, upper)), one delta per image.
     */
    public static RandomColorLayer brightness(double[] factor, double low, double high) {
        return new RandomColorLayer(false, ImageTransformLayer.range(factor), low, high, uniqueName("random_brightness"));
    }

    public static RandomColorLayer brightness(double factor) {
        return brightness(new double[] {factor}, 0, 255);
    }

    /**
     * Keras's RandomContrast(factor, value_range): (x - mean) * c + mean per image and channel, the
     * mean over the image's pixels, c drawn from [1 - lower, 1 + upper] (factor f: lower = upper = f).
     */
    public static RandomColorLayer contrast(double[] factor, double low, double high) {
        double lower = factor[0], upper = factor.length > 1 ? factor[1] : factor[0];
        if (lower < 0 || upper < 0 || lower > 1) {
            throw new IllegalArgumentException("RandomContrast factor must be in [0, 1] (lower) and >= 0, got "
                    + java.util.Arrays.toString(factor));
        }
        return new RandomColorLayer(true, new double[] {1 - lower, 1 + upper}, low, high, uniqueName("random_contrast"));
    }

    public static RandomColorLayer contrast(double factor) {
        return contrast(new double[] {factor}, 0, 255);
    }

    @Override
    public String className() {
        return contrast ? "RandomContrast" : "RandomBrightness";
    }

    @Override
    public void setSeed(long s) {
        this.seed = s;
    }

    @Override
    public boolean isStochasticInTraining() {
        return true;
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        return ImageTransformLayer.requireImages(this, inputShapes.get(0)).clone();
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        lastForwardActed = training;
        if (!training) {
            return x;
        }
        int n = x.dim(0), c = x.dim(1), plane = x.dim(2) * x.dim(3);
        long stream = seed * 0x9E3779B97F4A7C15L + trainingStep;
        double[] amount = new double[n];
        for (int i = 0; i < n; i++) {
            amount[i] = factor[0] + (factor[1] - factor[0]) * CounterRng.uniform(stream, i);
        }
        y = reuse(y, x.shape());
        if (contrast) {
            // y = x * c + mean * (1 - c), per image and channel
            double[] shift = new double[n];
            for (int i = 0; i < n; i++) {
                shift[i] = 1 - amount[i];
            }
            try (Tensor means = backend.zeros(n, c); Tensor keep = backend.fromDoubles(amount, n, 1, 1, 1);
                 Tensor rest = backend.fromDoubles(shift, n, 1)) {
                backend.globalAvgPoolForward(x, means);
                backend.multiplyBroadcast(x, keep, y);
                backend.multiplyBroadcast(means, rest, means);
                backend.biasAdd(y.reshape(1, n * c, 1, plane), means.reshape(n * c));
            }
        } else {
            double[] delta = new double[n];
            for (int i = 0; i < n; i++) {
                delta[i] = amount[i] * (high - low);
            }
            backend.copy(x, y);
            try (Tensor d = backend.fromDoubles(delta, n)) {
                backend.biasAdd(y.reshape(1, n, 1, c * plane), d);
            }
        }
        clip(y, n * c * plane);
        return y;
    }

    /** y = min(max(y, low), high): shifted to 0, a ReLU capped at high - low, shifted back. */
    private void clip(Tensor t, int size) {
        Tensor flat = t.reshape(1, 1, 1, size);
        if (low == 0) {
            backend.activationForward(org.conv4j.engine.Activation.RELU, high, flat, flat);
            return;
        }
        try (Tensor down = backend.fromDoubles(new double[] {-low}, 1); Tensor up = backend.fromDoubles(new double[] {low}, 1)) {
            backend.biasAdd(flat, down);
            backend.activationForward(org.conv4j.engine.Activation.RELU, high - low, flat, flat);
            backend.biasAdd(flat, up);
        }
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        if (!lastForwardActed) {
            return List.of(gradOutput);
        }
        if (!needInputGradient) {
            return java.util.Collections.singletonList(null);
        }
        throw ImageTransformLayer.noInputGradient(this);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("factor", contrast ? List.of(1 - factor[0], factor[1] - 1) : List.of(factor[0], factor[1]));
        c.put("value_range", List.of(low, high));
        return c;
    }
}
