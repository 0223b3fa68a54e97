package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.CounterRng;
import org.conv4j.engine.FillMode;
import org.conv4j.engine.Tensor;

/**
 * What Keras's image preprocessing and augmentation layers share: each image of (N, C, H, W) goes
 * through a projective transform (Backend#imageTransform, TensorFlow's ImageProjectiveTransformV3)
 * that the subclass gives per image. Augmentation layers act only in training, drawing their
 * random parameters from a counter-based stream keyed by (seed, training step, image), so the same
 * seed gives the same images on every run and backend, and are the identity at inference;
 * preprocessing layers (Resizing, CenterCrop) always act.
 *
 * <p>Backward: the identity where the layer did nothing (inference); a flip's gradient is the same
 * flip; the others are data layers meant to sit before any trainable layer, and asking them for an
 * input gradient is an error naming the layer.
 */
public abstract class ImageTransformLayer extends Layer implements SeededLayer {
    private final boolean bilinear;
    private final FillMode fill;
    private final double fillValue;
    private long seed;
    private Tensor y;
    private Tensor dx;
    private Tensor transforms;
    private boolean lastForwardActed;
    /** Whether the forward being computed is in training mode (for layers that act differently, as RandomCrop). */
    protected boolean trainingNow;

    protected ImageTransformLayer(String interpolation, FillMode fill, double fillValue) {
        super(null);
        if (!interpolation.equals("bilinear") && !interpolation.equals("nearest")) {
            throw new IllegalArgumentException("interpolation '" + interpolation + "': expected bilinear or nearest");
        }
        this.bilinear = interpolation.equals("bilinear");
        this.fill = fill;
        this.fillValue = fillValue;
        this.seed = name().hashCode();
    }

    /** Keras's seed: the stream the random parameters come from (the model sets one from its own seed). */
    @SuppressWarnings("unchecked")
    public <T extends ImageTransformLayer> T seed(long s) {
        this.seed = s;
        return (T) this;
    }

    @Override
    public void setSeed(long s) {
        this.seed = s;
    }

    /** True for augmentation layers, which act only in training. */
    protected abstract boolean onlyInTraining();

    /** The transform (a0, a1, a2, b0, b1, b2, c0, c1) of image {@code n} of an (h, w) batch into out; {@code u} draws its numbers. */
    protected abstract void transform(int n, int h, int w, Draw u, double[] out, int offset);

    /** The output's (height, width) for an (h, w) input: the input's unless overridden. */
    protected int[] outputSize(int h, int w) {
        return new int[] {h, w};
    }

    /** Uniform numbers for one image: the k-th in [0, 1). */
    @FunctionalInterface
    protected interface Draw {
        double uniform(int k);
    }

    @Override
    public boolean isStochasticInTraining() {
        return onlyInTraining() || drawsInTraining();
    }

    /** True when one draw serves the whole batch (Keras's RandomCrop), else one per image. */
    protected boolean drawsPerBatch() {
        return false;
    }

    /** True for a layer that always acts but draws random numbers in training (RandomCrop). */
    protected boolean drawsInTraining() {
        return false;
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = requireImages(this, inputShapes.get(0));
        int[] size = outputSize(in[1], in[2]);
        return new int[] {in[0], size[0], size[1]};
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        trainingNow = training;
        lastForwardActed = training || !onlyInTraining();
        if (!lastForwardActed) {
            return x;
        }
        int n = x.dim(0), h = x.dim(2), w = x.dim(3);
        double[] t = new double[n * 8];
        long stream = seed * 0x9E3779B97F4A7C15L + trainingStep;
        for (int i = 0; i < n; i++) {
            final int image = drawsPerBatch() ? 0 : i;
            transform(i, h, w, k -> CounterRng.uniform(stream, image * 64L + k), t, i * 8);
        }
        if (transforms != null) {
            transforms.close();
        }
        transforms = backend.fromDoubles(t, n, 8);
        y = reuse(y, batchShape(n, outputShape()));
        backend.imageTransform(x, transforms, bilinear, fill, fillValue, y);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        if (!lastForwardActed) {
            return List.of(gradOutput);
        }
        if (!needInputGradient) {
            return java.util.Collections.singletonList(null);
        }
        if (!isSelfInverse()) {
            throw noInputGradient(this);
        }
        dx = reuse(dx, gradOutput.shape());
        backend.imageTransform(gradOutput, transforms, bilinear, fill, fillValue, dx);
        return List.of(dx);
    }

    /** The per-sample shape of an image input, or an error naming the layer. */
    static int[] requireImages(Layer layer, int[] in) {
        if (in.length != 3) {
            throw new IllegalArgumentException("layer " + layer.name() + " (" + layer.className() + ") expects images (None, H, W, C), got "
                    + kerasShape(in));
        }
        return in;
    }

    /** The error of a data layer asked for an input gradient in training. */
    static UnsupportedOperationException noInputGradient(Layer layer) {
        return new UnsupportedOperationException("layer " + layer.name() + " (" + layer.className() + ") changes the data and has no "
                + "input gradient: put it before the model's trainable layers, as Keras's preprocessing layers go");
    }

    /** True when the transform is its own adjoint (flips): the gradient goes back through the same transform. */
    protected boolean isSelfInverse() {
        return false;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("interpolation", bilinear ? "bilinear" : "nearest");
        c.put("fill_mode", fill.name().toLowerCase(java.util.Locale.ROOT));
        c.put("fill_value", fillValue);
        return c;
    }

    /** Keras's factor: a number f for [-f, f], or a (lower, upper) pair. */
    protected static double[] range(double... factor) {
        if (factor.length == 1) {
            return new double[] {-Math.abs(factor[0]), Math.abs(factor[0])};
        }
        if (factor.length != 2 || factor[0] > factor[1]) {
            throw new IllegalArgumentException("factor must be a number or a (lower, upper) pair with lower <= upper, got "
                    + java.util.Arrays.toString(factor));
        }
        return factor.clone();
    }
}
