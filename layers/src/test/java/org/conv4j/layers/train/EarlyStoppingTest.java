package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The weights' value is the epoch they come from (see {@link FakeTraining#fit}). */
class EarlyStoppingTest {
    private final FakeTraining training = new FakeTraining();

    /*
     * Worked by hand with Keras 3's on_epoch_end, patience=2, val_loss (min mode):
     * e0 1.0: wait=1, improves on None -> best=1.0, wait=0
     * e1 0.5: wait=1, 0.5 < 1.0 -> best=0.5, wait=0
     * e2 0.6: wait=1, no improvement, 1 >= 2 false
     * e3 0.4: wait=1, 0.4 < 0.5 -> best=0.4, best_epoch=3, wait=0
     * e4 0.45: wait=1
     * e5 0.5: wait=2 >= 2 and epoch > 0 -> stopped_epoch=5, stop: 6 epochs run.
     * restore_best_weights puts back epoch 3's weights.
     */
    @Test
    void stopsWhenWaitReachesPatienceAndRestoresTheBestEpoch() {
        EarlyStopping es =
                EarlyStopping.builder().patience(2).restoreBestWeights(true).verbose(true).build();
        int epochs = training.fit(es, "val_loss", 1.0, 0.5, 0.6, 0.4, 0.45, 0.5, 0.3);
        assertEquals(6, epochs);
        assertEquals(5, es.stoppedEpoch());
        assertEquals(3, es.bestEpoch());
        assertEquals(0.4, es.best());
        assertEquals(3f, training.weight());
        assertTrue(training.printed().contains("Epoch 6: early stopping"));
        assertTrue(
                training.printed()
                        .contains("Restoring model weights from the end of the best epoch: 4."));
    }

    @Test
    void withoutRestoreTheLastWeightsStay() {
        EarlyStopping es = EarlyStopping.builder().patience(2).build();
        training.fit(es, "val_loss", 1.0, 0.5, 0.6, 0.4, 0.45, 0.5, 0.3);
        assertEquals(5f, training.weight());
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovement() {
        EarlyStopping es = EarlyStopping.builder().build();
        assertEquals(2, training.fit(es, "val_loss", 1.0, 1.0, 0.5));
        assertEquals(1, es.stoppedEpoch());
    }

    /* Keras 3's on_train_end restores whenever best_weights is set, even without an early stop. */
    @Test
    void restoresBestWeightsAtTrainEndEvenWhenNeverStopped() {
        EarlyStopping es = EarlyStopping.builder().patience(5).restoreBestWeights(true).build();
        assertEquals(4, training.fit(es, "val_loss", 1.0, 0.5, 0.7, 0.8));
        assertEquals(0, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        assertEquals(1f, training.weight());
    }

    @Test
    void improvementOfExactlyMinDeltaDoesNotCount() {
        // 0.75 + 0.25 < 1.0 is false: no improvement, wait=1 >= patience 1 -> stop at epoch 1.
        EarlyStopping exact = EarlyStopping.builder().minDelta(-0.25).patience(1).build();
        assertEquals(2, training.fit(exact, "val_loss", 1.0, 0.75, 0.5));
        assertEquals(1.0, exact.best());
        // 0.6875 + 0.25 < 1.0: an improvement.
        EarlyStopping more = EarlyStopping.builder().minDelta(0.25).patience(1).build();
        assertEquals(3, training.fit(more, "val_loss", 1.0, 0.6875, 0.5));
        assertEquals(0.6875, more.best());
    }

    @Test
    void minDeltaInMaxMode() {
        // 0.75 - 0.25 > 0.5 is false -> stop at epoch 1; 0.8125 - 0.25 > 0.5 -> improvement.
        EarlyStopping exact =
                EarlyStopping.builder().monitor("val_accuracy").minDelta(0.25).patience(1).build();
        assertEquals(2, training.fit(exact, "val_accuracy", 0.5, 0.75, 1.0));
        EarlyStopping more =
                EarlyStopping.builder().monitor("val_accuracy").minDelta(0.25).patience(1).build();
        assertEquals(3, training.fit(more, "val_accuracy", 0.5, 0.8125, 0.8125));
        assertEquals(0.8125, more.best());
    }

    @Test
    void autoModeMaximizesAccuracyAndMinimizesLoss() {
        double[] rising = {0.5, 0.6, 0.7, 0.8};
        EarlyStopping acc = EarlyStopping.builder().monitor("val_accuracy").build();
        assertEquals(4, training.fit(acc, "val_accuracy", rising));
        assertEquals(0.8, acc.best());
        EarlyStopping loss = EarlyStopping.builder().monitor("val_loss").build();
        assertEquals(2, training.fit(loss, "val_loss", rising));
        EarlyStopping acc2 = EarlyStopping.builder().monitor("val_acc").build();
        assertEquals(4, training.fit(acc2, "val_acc", rising));
        EarlyStopping fmeasure = EarlyStopping.builder().monitor("fmeasure").build();
        assertEquals(4, training.fit(fmeasure, "fmeasure", rising));
        EarlyStopping mae = EarlyStopping.builder().monitor("val_mae").build();
        assertEquals(2, training.fit(mae, "val_mae", rising));
        EarlyStopping forcedMin =
                EarlyStopping.builder().monitor("val_accuracy").mode(MonitorMode.MIN).build();
        assertEquals(2, training.fit(forcedMin, "val_accuracy", rising));
    }

    /*
     * Worked by hand, patience=2, baseline=0.5, val_loss [0.9, 0.8, 0.8, 0.8]:
     * e0: wait=1; improves on None -> best=0.9, but 0.9 does not beat the baseline: wait stays 1
     * e1: wait=2; 0.8 < 0.9 -> best=0.8, no baseline beat, wait stays 2, return (no stop test)
     * e2: wait=3; no improvement; 3 >= 2 -> stop at epoch 2 (3 epochs).
     * Without a baseline: e0, e1 reset wait to 0; e2 wait=1; e3 wait=2 -> stop at epoch 3.
     */
    @Test
    void baselineKeepsWaitRunningUntilBeaten() {
        EarlyStopping withBaseline =
                EarlyStopping.builder().patience(2).baseline(0.5).restoreBestWeights(true).build();
        assertEquals(3, training.fit(withBaseline, "val_loss", 0.9, 0.8, 0.8, 0.8));
        assertEquals(2, withBaseline.stoppedEpoch());
        assertEquals(1f, training.weight());
        EarlyStopping without = EarlyStopping.builder().patience(2).build();
        assertEquals(4, training.fit(without, "val_loss", 0.9, 0.8, 0.8, 0.8));
        assertEquals(3, without.stoppedEpoch());
    }

    @Test
    void beatingTheBaselineResetsWait() {
        // e0 wait=1 (0.9 not below 0.5); e1 0.4 beats both -> wait=0; e2 wait=1; e3 wait=2 -> stop.
        EarlyStopping es = EarlyStopping.builder().patience(2).baseline(0.5).build();
        assertEquals(4, training.fit(es, "val_loss", 0.9, 0.4, 0.45, 0.45, 0.45));
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
    }

    @Test
    void improvingWhileAboveTheBaselineNeverStops() {
        EarlyStopping es = EarlyStopping.builder().patience(1).baseline(0.1).build();
        assertEquals(4, training.fit(es, "val_loss", 0.9, 0.8, 0.7, 0.6));
        assertEquals(0, es.stoppedEpoch());
    }

    @Test
    void startFromEpochIgnoresTheWarmUp() {
        // Epochs 0 and 1 are ignored; e2 is the first monitored (best=2.0); e3 wait=1 -> stop.
        EarlyStopping es =
                EarlyStopping.builder()
                        .patience(1)
                        .startFromEpoch(2)
                        .restoreBestWeights(true)
                        .build();
        assertEquals(4, training.fit(es, "val_loss", 1.0, 0.5, 2.0, 2.0, 2.0));
        assertEquals(3, es.stoppedEpoch());
        assertEquals(2, es.bestEpoch());
        assertEquals(2f, training.weight());
        EarlyStopping fromZero = EarlyStopping.builder().patience(1).build();
        assertEquals(3, training.fit(fromZero, "val_loss", 1.0, 0.5, 2.0, 2.0, 2.0));
    }

    @Test
    void stateIsResetAtTrainBegin() {
        EarlyStopping es = EarlyStopping.builder().patience(1).build();
        training.fit(es, "val_loss", 0.1, 0.2, 0.3);
        assertEquals(1, es.stoppedEpoch());
        assertEquals(3, training.fit(es, "val_loss", 1.0, 0.9, 0.8));
        assertEquals(0, es.stoppedEpoch());
        assertEquals(0.8, es.best());
    }

    @Test
    void missingMonitorWarnsAndSkips() {
        EarlyStopping es = EarlyStopping.builder().restoreBestWeights(true).build();
        es.onTrainBegin(training);
        for (int epoch = 0; epoch < 3; epoch++) {
            es.onEpochEnd(training, epoch, FakeTraining.logs("loss", 1.0, "accuracy", 0.5));
        }
        es.onTrainEnd(training);
        assertFalse(training.stopRequested());
        assertNull(es.best());
        assertEquals(-1f, training.weight());
        assertTrue(
                training.printed()
                        .contains(
                                "Early stopping is conditioned on metric `val_loss` which is not"
                                        + " available. Available metrics are: loss,accuracy"));
    }

    @Test
    void unknownModeIsAClearError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> MonitorMode.parse("maximum"));
        assertEquals(
                "Unknown mode 'maximum': expected one of 'auto', 'min', 'max'", e.getMessage());
        assertEquals(MonitorMode.MAX, MonitorMode.parse("max"));
    }
}
