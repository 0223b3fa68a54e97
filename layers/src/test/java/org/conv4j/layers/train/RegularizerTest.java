package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.conv4j.engine.ReferenceBackend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Regularizer;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.io.ModelIO;
import org.conv4j.layers.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras's L2 kernel regularizer: the penalty in the reported loss, its gradient in the step, by hand and by central differences. */
class RegularizerTest {
    private static Sequential dense(Regularizer r) {
        Layer.resetNames();
        Sequential m = new Sequential().input(3).add(new Dense(2, "softmax").kernelRegularizer(r));
        m.build(new ReferenceBackend(), 1);
        return m;
    }

    private static final Tensor X = Tensor.of(new double[] {0.5, -1, 2, 1, 0.3, -0.2}, 2, 3);
    private static final Tensor Y = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2);

    @Test
    void thePenaltyIsInTheLossAndItsGradientInTheStep() {
        Sequential plain = dense(null), regular = dense(Regularizer.l2(0.01));
        regular.setWeights(plain.getWeights());
        plain.setWeights(plain.getWeights()); // both at the same float32 values
        plain.compile(new SGD(0.1, 0, false), new CategoricalCrossentropy());
        regular.compile(new SGD(0.1, 0, false), new CategoricalCrossentropy());
        double[] w = regular.weights().get(0).value().toDoubleArray();
        double squares = 0;
        for (double v : w) {
            squares += v * v;
        }
        double base = plain.evaluate(X, Y, 2).get("loss");
        assertEquals(base + 0.01 * squares, regular.evaluate(X, Y, 2).get("loss"), 1e-12, "loss + 0.01 * sum(w^2)");
        plain.fit(X, Y, new FitOptions().epochs(1).batchSize(2).shuffle(false).verbose(0));
        History h = regular.fit(X, Y, new FitOptions().epochs(1).batchSize(2).shuffle(false).verbose(0));
        assertEquals(base + 0.01 * squares, h.series().get("loss").get(0), 1e-12, "the training loss too, before the update");
        double[] wPlain = plain.weights().get(0).value().toDoubleArray(), wReg = regular.weights().get(0).value().toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            assertEquals(wPlain[i] - 0.1 * 2 * 0.01 * w[i], wReg[i], 1e-12, "SGD: w -= lr * (g + 2 * 0.01 * w)");
        }
    }

    @Test
    void theRegularizedGradientPassesACentralDifferenceCheck() {
        Sequential m = dense(Regularizer.l2(0.05));
        m.compile(new SGD(1.0, 0, false), new CategoricalCrossentropy());
        double[] w = m.weights().get(0).value().toDoubleArray();
        Sequential probe = dense(Regularizer.l2(0.05));
        probe.compile(new SGD(1.0, 0, false), new CategoricalCrossentropy());
        double h = 1e-6;
        double[] numeric = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            probe.setWeights(m.getWeights());
            Tensor k = probe.weights().get(0).value();
            k.set(i, w[i] + h);
            double up = probe.evaluate(X, Y, 2).get("loss");
            k.set(i, w[i] - h);
            double down = probe.evaluate(X, Y, 2).get("loss");
            numeric[i] = (up - down) / (2 * h);
        }
        m.fit(X, Y, new FitOptions().epochs(1).batchSize(2).shuffle(false).verbose(0));
        double[] after = m.weights().get(0).value().toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            assertEquals(numeric[i], w[i] - after[i], 1e-6, "gradient of weight " + i + " (SGD lr 1: the step is the gradient)");
        }
    }

    @Test
    void theRegularizerIsSavedAsKerasSerializesIt(@TempDir Path dir) throws Exception {
        Sequential m = dense(Regularizer.l2(0.02));
        ModelIO.save(m, dir.resolve("m.conv4j"));
        Model loaded = ModelIO.load(dir.resolve("m.conv4j"), new ReferenceBackend());
        assertEquals(Regularizer.l2(0.02), loaded.layers().get(0).weights().get(0).regularizer());
        assertEquals("L2", m.layers().get(0).config().get("kernel_regularizer") instanceof java.util.Map<?, ?> map ? map.get("class_name") : null);
        assertArrayEquals(m.predict(X, 2).toDoubleArray(), loaded.predict(X, 2).toDoubleArray(), 1e-7);
    }
}
