package org.conv4j.layers;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.conv4j.engine.Backend;
import org.conv4j.engine.ReferenceBackend;
import org.conv4j.engine.Tensor;

/**
 * Caffe's gradient checker in float64: the analytic gradients of a scalar function of a layer's
 * output are compared with central differences, f(x + h) - f(x - h) / 2h, element by element, for
 * every input and every trainable weight. The error is scaled by max(|analytic|, |numeric|, 1).
 */
public final class GradientCheck {
    static final double STEP = 1e-5;
    static final double THRESHOLD = 1e-6;

    private GradientCheck() {}

    public static Backend backend() {
        return new ReferenceBackend();
    }

    /** A float64 tensor of gaussian numbers times {@code scale}. */
    public static Tensor random(Random rng, double scale, int... shape) {
        double[] v = new double[Tensor.elementCount(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * scale;
        }
        return Tensor.of(v, shape);
    }

    /**
     * Builds {@code layer} for the given batch inputs, gives its weights random values (moving
     * variances positive), and checks the gradients of sum(R * forward(inputs)) for a random R.
     */
    public static void checkLayer(Layer layer, boolean training, Tensor... inputs) {
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            int[] s = t.shape();
            shapes.add(java.util.Arrays.copyOfRange(s, 1, s.length));
        }
        layer.build(shapes);
        Random rng = new Random(42);
        layer.materialize(backend(), rng);
        randomizeWeights(layer, rng);
        List<Tensor> ins = List.of(inputs);
        Tensor probe = random(rng, 1, layer.forward(ins, training).shape());
        check(layer.name(), () -> dot(layer.forward(ins, training), probe), () -> {
            layer.forward(ins, training);
            return layer.backward(probe);
        }, ins, layer.trainableWeights());
    }

    /**
     * Holds a float32 backend to the reference on one layer: two layers from {@code factory} with the
     * same weights see the same inputs; their outputs, their weights after the forward (moving
     * statistics) and every gradient of sum(R * forward) (inputs and weights) must agree within
     * |fast - ref| <= 1e-4 + |ref|·1e-3. The reference's gradients are the ones {@link #checkLayer}
     * checks numerically, so a backend that matches them computes checked gradients too.
     */
    public static void checkLayerAgainstReference(Backend fast, Supplier<Layer> factory, boolean training, Tensor... inputs) {
        List<int[]> shapes = new ArrayList<>();
        List<Tensor> fastInputs = new ArrayList<>();
        for (Tensor t : inputs) {
            int[] s = t.shape();
            shapes.add(java.util.Arrays.copyOfRange(s, 1, s.length));
            fastInputs.add(fast.fromDoubles(t.toDoubleArray(), s));
        }
        Layer ref = factory.get(), layer = factory.get();
        if (ref instanceof Dropout a && layer instanceof Dropout b) {
            a.seed(42);  // masks derive from the seed, which otherwise comes from each layer's own name
            b.seed(42);
        }
        ref.build(shapes);
        layer.build(shapes);
        Random rng = new Random(42);
        ref.materialize(backend(), rng);
        randomizeWeights(ref, rng);
        layer.materialize(fast, new Random(42));
        for (int i = 0; i < ref.weights().size(); i++) {
            layer.weights().get(i).value().copyFrom(ref.weights().get(i).value());
        }
        Tensor yRef = ref.forward(List.of(inputs), training);
        Tensor y = layer.forward(fastInputs, training);
        Tensor probe = random(rng, 1, yRef.shape());
        List<Tensor> gradsRef = ref.backward(probe);
        List<Tensor> grads = layer.backward(fast.fromDoubles(probe.toDoubleArray(), probe.shape()));
        StringBuilder errors = new StringBuilder();
        agree(ref.name() + " output", yRef, y, errors);
        for (int i = 0; i < gradsRef.size(); i++) {
            if (gradsRef.get(i) != null) {
                agree(ref.name() + " gradient of input " + i, gradsRef.get(i), grads.get(i), errors);
            }
        }
        for (int i = 0; i < ref.weights().size(); i++) {
            Parameter p = ref.weights().get(i), q = layer.weights().get(i);
            agree(p.path() + " after forward", p.value(), q.value(), errors);
            if (ref.trainableWeights().contains(p)) {
                agree(p.path() + " gradient", p.grad(), q.grad(), errors);
            }
        }
        if (errors.length() > 0) {
            fail(fast.name() + " differs from the reference:" + errors);
        }
    }

    private static void agree(String what, Tensor reference, Tensor fast, StringBuilder errors) {
        double[] r = reference.toDoubleArray(), f = fast.toDoubleArray();
        int bad = 0;
        for (int i = 0; i < r.length; i++) {
            if (!(Math.abs(f[i] - r[i]) <= 1e-4 + Math.abs(r[i]) * 1e-3) && bad++ < 3) {
                errors.append(String.format("%n  %s [%d]: reference %.8g, %.8g", what, i, r[i], f[i]));
            }
        }
    }

    /** Random weights: kernels and biases gaussian, gamma around 1, moving variances in [0.5, 1.5]. */
    public static void randomizeWeights(Layer layer, Random rng) {
        for (Parameter p : layer.weights()) {
            Tensor v = p.value();
            for (int i = 0; i < v.size(); i++) {
                double g = rng.nextGaussian() * 0.5;
                v.set(i, p.name().equals("moving_variance") || p.name().equals("variance") ? 1 + rng.nextDouble() - 0.5 : p.name().equals("gamma") ? 1 + g : g);
            }
        }
    }

    static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    /**
     * Compares {@code backward}'s input gradients and the weights' gradients with central differences
     * of {@code f}. {@code backward} runs forward and backward once and returns the input gradients.
     */
    public static void check(String what, Supplier<Double> f, Supplier<List<Tensor>> backward,
                             List<Tensor> inputs, List<Parameter> weights) {
        List<Tensor> inputGrads = new ArrayList<>();
        for (Tensor g : backward.get()) {
            inputGrads.add(g == null ? null : g.copy());
        }
        List<Tensor> weightGrads = new ArrayList<>();
        for (Parameter p : weights) {
            weightGrads.add(p.grad().copy());
        }
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputGrads.get(i) != null) {
                compare(what + " input " + i, f, inputs.get(i), inputGrads.get(i), errors);
            }
        }
        for (int i = 0; i < weights.size(); i++) {
            compare(what + " " + weights.get(i).path(), f, weights.get(i).value(), weightGrads.get(i), errors);
        }
        if (errors.length() > 0) {
            fail("gradient check failed:" + errors);
        }
    }

    private static void compare(String what, Supplier<Double> f, Tensor x, Tensor analytic, StringBuilder errors) {
        int bad = 0;
        for (int i = 0; i < x.size(); i++) {
            double saved = x.get(i);
            x.set(i, saved + STEP);
            double plus = f.get();
            x.set(i, saved - STEP);
            double minus = f.get();
            x.set(i, saved);
            double numeric = (plus - minus) / (2 * STEP);
            double a = analytic.get(i);
            double scale = Math.max(Math.max(Math.abs(a), Math.abs(numeric)), 1);
            if (Math.abs(a - numeric) / scale > THRESHOLD && bad++ < 3) {
                errors.append(String.format("%n  %s [%d]: analytic %.10g, numeric %.10g", what, i, a, numeric));
            }
        }
    }
}
