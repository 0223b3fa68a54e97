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
        double[] v = new double[Tensor.zeros(org.conv4j.engine.DType.F64, shape).size()];
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

    /** Random weights: kernels and biases gaussian, gamma around 1, moving variances in [0.5, 1.5]. */
    public static void randomizeWeights(Layer layer, Random rng) {
        for (Parameter p : layer.weights()) {
            Tensor v = p.value();
            for (int i = 0; i < v.size(); i++) {
                double g = rng.nextGaussian() * 0.5;
                v.set(i, p.name().equals("moving_variance") ? 1 + rng.nextDouble() - 0.5 : p.name().equals("gamma") ? 1 + g : g);
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
