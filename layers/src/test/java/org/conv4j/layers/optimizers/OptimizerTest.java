package org.conv4j.layers.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.conv4j.engine.Backend;
import org.conv4j.engine.ReferenceBackend;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Parameter;
import org.junit.jupiter.api.Test;

/**
 * Two steps of each optimizer on one weight w = 1 with gradients 0.5 then -0.25, against values
 * worked out from Keras's formulas. Adam, step 1: m = 0.05, v = 0.00025,
 * alpha = 1e-3 * sqrt(1 - 0.999) / (1 - 0.9) = 3.16228e-4, w = 1 - alpha * 0.05 / (0.0158114 + 1e-7)
 * = 0.99900000632. SGD momentum 0.9, lr 0.1: m = -0.05, w = 0.95; m = 0.9 * -0.05 + 0.025 = -0.02,
 * w = 0.93. Nesterov: w = 1 + 0.9 * -0.05 - 0.05 = 0.905; then 0.905 + 0.9 * -0.02 + 0.025 = 0.912.
 * RMSprop lr 0.01: v = 0.025, w = 1 - 0.01 * 0.5 / sqrt(0.025 + 1e-7) = 0.96837729.
 */
class OptimizerTest {
    private static double[] run(Backend backend, Optimizer opt) {
        Dense layer = new Dense(1).useBias(false);
        layer.build(List.<int[]>of(new int[] {1}));
        layer.materialize(backend, new java.util.Random(0));
        Parameter w = layer.kernel();
        w.value().set(0, 1.0);
        double[] after = new double[2];
        double[] grads = {0.5, -0.25};
        for (int s = 0; s < 2; s++) {
            w.grad().set(0, grads[s]);
            opt.apply(backend, List.of(w));
            after[s] = w.value().get(0);
        }
        return after;
    }

    private static void assertSteps(Optimizer opt, double first, double second) {
        double[] ref = run(new ReferenceBackend(), opt);
        assertEquals(first, ref[0], 1e-12);
        assertEquals(second, ref[1], 1e-12);
        opt.reset();
        double[] cpu = run(new CpuBackend(1), opt);
        assertEquals(first, cpu[0], 1e-6);
        assertEquals(second, cpu[1], 1e-6);
    }

    @Test
    void adamFollowsKerasFormula() {
        assertSteps(new Adam(1e-3), 0.9990000063245154, 0.9987336707920792);
    }

    @Test
    void sgdWithMomentum() {
        assertSteps(new SGD(0.1, 0.9, false), 0.95, 0.93);
    }

    @Test
    void sgdWithNesterov() {
        assertSteps(new SGD(0.1, 0.9, true), 0.905, 0.912);
    }

    @Test
    void plainSgd() {
        assertSteps(new SGD(0.1, 0, false), 0.95, 0.975);
    }

    @Test
    void rmsprop() {
        assertSteps(new RMSprop(0.01), 0.9683772866436797, 0.983121456617157);
    }

    /** A weight with factor 0.1 steps as with a tenth of the learning rate, and the factor survives a fresh compile (reset). */
    @Test
    void aWeightsLearningRateFactorScalesItsSteps() {
        Backend backend = new ReferenceBackend();
        Dense a = new Dense(1).useBias(false), b = new Dense(1).useBias(false);
        for (Dense d : List.of(a, b)) {
            d.build(List.<int[]>of(new int[] {1}));
            d.materialize(backend, new java.util.Random(0));
            d.kernel().value().set(0, 1.0);
            d.kernel().grad().set(0, 0.5);
        }
        RMSprop opt = new RMSprop(0.1);
        opt.scaleLearningRate(a.kernel(), 0.1);
        opt.reset();
        opt.apply(backend, List.of(a.kernel(), b.kernel()));
        assertEquals(0.01, opt.learningRate(a.kernel()), 1e-15);
        assertEquals(1 - 0.01 * 0.5 / Math.sqrt(0.025 + 1e-7), a.kernel().value().get(0), 1e-12);
        assertEquals(1 - 0.1 * 0.5 / Math.sqrt(0.025 + 1e-7), b.kernel().value().get(0), 1e-12);
    }
}
