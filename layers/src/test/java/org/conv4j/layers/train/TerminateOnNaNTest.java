package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {
    private final FakeTraining training = new FakeTraining();

    @Test
    void nanBatchLossStopsTraining() {
        TerminateOnNaN t = new TerminateOnNaN();
        t.onBatchEnd(training, 2, FakeTraining.logs("loss", 0.5));
        assertFalse(training.stopRequested());
        t.onBatchEnd(training, 3, FakeTraining.logs("loss", Double.NaN));
        assertTrue(training.stopRequested());
        assertEquals(
                "Batch 3: Invalid loss, terminating training" + System.lineSeparator(),
                training.printed());
    }

    @Test
    void infiniteBatchLossStopsTraining() {
        new TerminateOnNaN().onBatchEnd(
                training, 0, FakeTraining.logs("loss", Double.NEGATIVE_INFINITY));
        assertTrue(training.stopRequested());
    }

    @Test
    void logsWithoutLossAreIgnored() {
        new TerminateOnNaN().onBatchEnd(training, 0, FakeTraining.logs("accuracy", Double.NaN));
        assertFalse(training.stopRequested());
        assertEquals("", training.printed());
    }

    @Test
    void nanEpochLossStopsTraining() {
        TerminateOnNaN t = new TerminateOnNaN();
        t.onEpochEnd(training, 0, FakeTraining.logs("loss", 1.0, "val_loss", Double.NaN));
        assertFalse(training.stopRequested());
        t.onEpochEnd(training, 1, FakeTraining.logs("loss", Double.POSITIVE_INFINITY));
        assertTrue(training.stopRequested());
        assertTrue(training.printed().startsWith("Epoch 2: Invalid loss, terminating training"));
    }

    @Test
    void raiseErrorThrowsInsteadOfStopping() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> {
                            TerminateOnNaN t = new TerminateOnNaN(true);
                            t.onBatchEnd(training, 7, FakeTraining.logs("loss", Double.NaN));
                        });
        assertEquals(
                "NaN or Inf loss encountered at batch 7. Loss value: nan. Terminating training"
                        + " immediately.",
                e.getMessage());
        assertFalse(training.stopRequested());
    }
}
