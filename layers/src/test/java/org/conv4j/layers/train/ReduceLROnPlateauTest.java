package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FakeTraining} starts at lr 0.1 and records the lr after each epoch's callbacks. */
class ReduceLROnPlateauTest {
    private final FakeTraining training = new FakeTraining();

    private static void assertLrs(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), "epochs: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-12, "epoch " + i + ": " + actual);
        }
    }

    /*
     * Worked by hand with Keras 3, factor=0.5, patience=2, min_lr=0.01, a flat val_loss:
     * e0 best=1, wait=0 | e1 wait=1 | e2 wait=2 -> lr 0.05 | e3 wait=1 | e4 -> 0.025 | e5 |
     * e6 -> 0.0125 | e7 | e8 -> max(0.00625, 0.01) = 0.01 | e9 | e10: wait=2 but
     * float32(0.01) > float32(0.01) is false, no change | e11 wait=3, still 0.01.
     */
    @Test
    void reducesEveryPatienceEpochsDownToMinLr() {
        ReduceLROnPlateau r =
                ReduceLROnPlateau.builder().factor(0.5).patience(2).minLr(0.01).minDelta(0).build();
        training.fit(r, "val_loss", new double[12]);
        assertLrs(
                List.of(0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.01, 0.01, 0.01, 0.01),
                training.learningRates);
    }

    /*
     * Worked by hand with Keras 3, factor=0.5, patience=1, cooldown=2, a flat val_loss:
     * e0 best=1 | e1 wait=1 -> lr 0.05, cooldown_counter=2, wait=0
     * e2 counter 2 -> 1, wait=0; no improvement but still in cooldown: nothing
     * e3 counter 1 -> 0, wait=0; no longer in cooldown: wait=1 -> lr 0.025, counter=2
     * e4 as e2 | e5 as e3 -> 0.0125 | e6 | e7 -> 0.00625.
     */
    @Test
    void cooldownSkipsEpochsAfterAReduction() {
        ReduceLROnPlateau r =
                ReduceLROnPlateau.builder().factor(0.5).patience(1).cooldown(2).minDelta(0).build();
        training.fit(r, "val_loss", new double[8]);
        assertLrs(
                List.of(0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625),
                training.learningRates);
    }

    @Test
    void improvementResetsWait() {
        ReduceLROnPlateau r =
                ReduceLROnPlateau.builder().factor(0.5).patience(2).minDelta(0).build();
        training.fit(r, "val_loss", 1.0, 1.0, 0.5, 0.5, 0.5);
        assertLrs(List.of(0.1, 0.1, 0.1, 0.1, 0.05), training.learningRates);
    }

    @Test
    void defaultMinDeltaIsOneTenThousandth() {
        // 0.99995 + 1e-4 < 1.0 is false: no improvement, wait=1 >= 1 -> lr 0.1 * 0.1.
        ReduceLROnPlateau r = ReduceLROnPlateau.builder().patience(1).build();
        training.fit(r, "val_loss", 1.0, 0.99995, 0.9);
        assertLrs(List.of(0.1, 0.01, 0.01), training.learningRates);
    }

    @Test
    void autoModeMaximizesAccuracy() {
        ReduceLROnPlateau r =
                ReduceLROnPlateau.builder().monitor("val_accuracy").patience(1).build();
        training.fit(r, "val_accuracy", 0.5, 0.6, 0.7, 0.7);
        assertLrs(List.of(0.1, 0.1, 0.1, 0.01), training.learningRates);
    }

    @Test
    void addsTheLearningRateToTheLogsBeforeReducing() {
        ReduceLROnPlateau r = ReduceLROnPlateau.builder().patience(0).verbose(true).build();
        r.onTrainBegin(training);
        Map<String, Double> logs = FakeTraining.logs("val_loss", 1.0);
        r.onEpochEnd(training, 0, logs);
        assertEquals(0.1, logs.get("learning_rate"));
        assertEquals(0.1, training.learningRate());
        r.onEpochEnd(training, 1, FakeTraining.logs("val_loss", 1.0));
        assertEquals(0.1 * 0.1, training.learningRate(), 1e-15);
        assertTrue(
                training.printed()
                        .contains(
                                "Epoch 2: ReduceLROnPlateau reducing learning rate to"
                                        + " 0.010000000000000002."));
    }

    @Test
    void factorOfOneOrMoreIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ReduceLROnPlateau.builder().factor(1.0).build());
        assertEquals(
                "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0",
                e.getMessage());
    }

    @Test
    void missingMonitorWarnsAndSkips() {
        ReduceLROnPlateau r = ReduceLROnPlateau.builder().patience(0).build();
        r.onTrainBegin(training);
        for (int epoch = 0; epoch < 3; epoch++) {
            r.onEpochEnd(training, epoch, FakeTraining.logs("loss", 1.0));
        }
        assertEquals(0.1, training.learningRate());
        assertTrue(
                training.printed()
                        .contains(
                                "Learning rate reduction is conditioned on metric `val_loss` which"
                                        + " is not available. Available metrics are:"
                                        + " loss,learning_rate"));
    }
}
