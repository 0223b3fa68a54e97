package org.conv4j.apps.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.conv4j.layers.train.AUC;
import org.junit.jupiter.api.Test;

/**
 * The ROC curve and its area on prediction sets worked out by hand. Scores 0.9 P, 0.8 P, 0.7 N,
 * 0.6 P, 0.55 N, 0.4 N (3 positives, 3 negatives): lowering the threshold score by score gives
 * (FPR, TPR) = (0, 0), (0, 1/3), (0, 2/3), (1/3, 2/3), (1/3, 1), (2/3, 1), (1, 1); the trapezoids
 * sum to 1/3 * 2/3 + 1/3 * 1 + 1/3 * 1 = 8/9, and 8 of the 9 positive-negative pairs are ordered
 * right (0.6 loses to 0.7).
 */
class RocCurveTest {
    @Test
    void aCurveAndItsAreaByHand() {
        float[] scores = {0.6f, 0.9f, 0.4f, 0.7f, 0.8f, 0.55f};
        boolean[] positive = {true, true, false, false, true, false};
        RocCurve roc = RocCurve.of(scores, positive);
        assertArrayEquals(new double[] {0, 0, 0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1}, roc.falsePositiveRate(), 1e-12);
        assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 1, 1, 1}, roc.truePositiveRate(), 1e-12);
        assertEquals(0.9f, roc.thresholds()[1], 1e-7);
        assertEquals(8 / 9.0, roc.auc(), 1e-12);
        AUC exact = AUC.exact();
        float[] labels = {1, 1, 0, 0, 1, 0};
        exact.update(scores, labels, 6, 1);
        assertEquals(exact.result(), roc.auc(), 1e-12, "the same area as the exact AUC metric");
    }

    /**
     * Tied scores make one diagonal step: 0.9 P, then P and N tied at 0.5, then 0.1 N go (0, 0),
     * (0, 1/2), (1/2, 1), (1, 1), area 1/2 * 3/4 + 1/2 = 7/8; by pairs 1 + 1 + 1/2 + 1 of 4.
     */
    @Test
    void tiesMakeOneDiagonalStep() {
        RocCurve roc = RocCurve.of(new float[] {0.5f, 0.5f, 0.9f, 0.1f}, new boolean[] {true, false, true, false});
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.falsePositiveRate(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.truePositiveRate(), 1e-12);
        assertEquals(0.875, roc.auc(), 1e-12);
    }

    @Test
    void oneClassOnlyIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new float[] {0.2f, 0.3f}, new boolean[] {true, true}));
    }
}
