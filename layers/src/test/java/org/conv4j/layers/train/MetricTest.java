package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.optimizers.Adam;
import org.junit.jupiter.api.Test;

/** Keras's metrics against values worked out by hand, AUC against an exact computation. */
class MetricTest {
    private static double run(Metric m, float[] p, float[] t, int rows, int width) {
        m.reset();
        m.update(p, t, rows, width);
        return m.result();
    }

    @Test
    void binaryAccuracyPrecisionAndRecallCountEveryValue() {
        float[] p = {0.9f, 0.2f, 0.6f, 0.4f, 0.7f, 0.1f};
        float[] t = {1, 0, 0, 1, 1, 0};
        // predicted positive: 0, 2, 4; TP = 0, 4 (2), FP = 2 (1), FN = 3 (1)
        assertEquals(4.0 / 6, run(Metric.of("binary_accuracy", null), p, t, 3, 2), 1e-12);
        assertEquals(2.0 / 3, run(Metric.of("precision", null), p, t, 3, 2), 1e-12);
        assertEquals(2.0 / 3, run(Metric.of("recall", null), p, t, 3, 2), 1e-12);
        assertEquals(0, run(Metric.of("precision", null), new float[] {0.1f}, new float[] {1}, 1, 1), "no positive prediction: 0, as divide_no_nan");
    }

    @Test
    void topKCountsTiesAtTheBoundaryAsIn() {
        // 6 classes; row 0: true class 2 is the 3rd highest; row 1: true class 0 is the lowest; row 2: a tie
        float[] p = {0.3f, 0.25f, 0.2f, 0.1f, 0.1f, 0.05f, 0.01f, 0.3f, 0.2f, 0.2f, 0.15f, 0.14f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.5f};
        float[] t = {0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
        assertEquals(2.0 / 3, run(Metric.of("top_k_categorical_accuracy", null), p, t, 3, 6), 1e-12, "k 5: rows 0 and 2");
        assertEquals(0.0, run(Metric.of("categorical_accuracy", null), p, t, 3, 6), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metric.of("f1", null));
    }

    @Test
    void aucByThresholdsApproachesTheExactArea() {
        Random rng = new Random(3);
        int n = 4000;
        float[] p = new float[n], t = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextBoolean() ? 1 : 0;
            p[i] = (float) Math.min(1, Math.max(0, 0.5 + (t[i] - 0.5) * 0.4 + rng.nextGaussian() * 0.25));
        }
        double exact = run(AUC.exact(), p, t, n, 1);
        long wins2 = 0, pairs = 0; // the definition: P(score of a positive > a negative's), ties 1/2
        for (int i = 0; i < n; i += 4) {
            for (int j = 0; j < n; j += 4) {
                if (t[i] == 1 && t[j] == 0) {
                    wins2 += p[i] > p[j] ? 2 : p[i] == p[j] ? 1 : 0;
                    pairs++;
                }
            }
        }
        double exactMann = run(AUC.exact(), sub(p), sub(t), n / 4, 1);
        assertEquals(wins2 / 2.0 / pairs, exactMann, 1e-12, "ranks give the pairwise definition");
        assertEquals(exact, run(Metric.of("auc", null), p, t, n, 1), 5e-3, "200 thresholds, trapezoids");
        assertEquals(1.0, run(AUC.exact(), new float[] {0.1f, 0.9f}, new float[] {0, 1}, 2, 1), 0);
        assertEquals(0.5, run(AUC.exact(), new float[] {0.5f, 0.5f}, new float[] {0, 1}, 2, 1), 0);
        assertEquals(0.0, run(Metric.of("auc", null), new float[] {0.5f}, new float[] {1}, 1, 1), 0, "no negatives: 0, as Keras");
    }

    private static float[] sub(float[] a) {
        float[] out = new float[a.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i * 4];
        }
        return out;
    }

    @Test
    void fitAndEvaluateLogEveryCompiledMetricAndCallbacksMonitorThem() {
        Layer.resetNames();
        Tensor[] data = FitTest.bars(64, 2);
        Sequential m = new Sequential().input(8, 8, 1).add(new org.conv4j.layers.Flatten()).add(new Dense(2, "softmax"));
        m.build(new CpuBackend(2), 1);
        m.compile(new Adam(0.01), new CategoricalCrossentropy(), "accuracy", "precision", "recall", "auc", "top_k_categorical_accuracy");
        EarlyStopping stop = EarlyStopping.builder().monitor("val_auc").patience(1).build();
        History h = m.fit(data[0], data[1], new FitOptions().epochs(3).batchSize(16).verbose(0).seed(1L)
                .validationData(data[0], data[1]).callbacks(stop));
        for (String k : List.of("accuracy", "precision", "recall", "auc", "top_k_categorical_accuracy", "val_auc", "val_precision")) {
            assertTrue(h.series().containsKey(k), k + " in " + h.series().keySet());
        }
        assertEquals(1.0, h.series().get("top_k_categorical_accuracy").get(0), 0, "two classes are always in the top 5");
        var eval = m.evaluate(data[0], data[1], 32);
        assertEquals(h.series().get("val_auc").get(h.series().get("val_auc").size() - 1), eval.get("auc"), 1e-12);
        assertEquals(List.of("accuracy", "precision", "recall", "auc", "top_k_categorical_accuracy"), m.metrics());
        assertTrue(new Monitor("val_auc", MonitorMode.AUTO, 0).isImprovement(0.9, 0.8), "auc, precision and recall go up, as Keras 3's");
        assertTrue(new Monitor("recall", MonitorMode.AUTO, 0).isImprovement(0.9, 0.8));
        assertTrue(new Monitor("val_loss", MonitorMode.AUTO, 0).isImprovement(0.7, 0.8));
        m.compile(new Adam(0.01), new CategoricalCrossentropy(), List.of(AUC::exact));
        assertTrue(m.evaluate(data[0], data[1], 32).get("auc") > 0.5);
    }
}
