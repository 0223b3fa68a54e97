package org.conv4j.layers.train;

import java.util.Locale;
import java.util.Map;

/**
 * Stops training on a NaN or infinite loss, as Keras 3's {@code keras.callbacks.TerminateOnNaN}
 * (keras/src/callbacks/terminate_on_nan.py): at the end of every batch whose logs hold a "loss" that
 * is NaN or infinite, it prints "Batch N: Invalid loss, terminating training" and asks training to
 * stop after the current epoch (batches count from 0, as in Keras). With {@code raiseError} it
 * throws instead, so no other callback's {@code onTrainEnd} runs (Keras's {@code raise_error=True}).
 *
 * <p>Beyond Keras, the epoch's logs are checked the same way ("Epoch N: Invalid loss, terminating
 * training", N 1-based), which catches a loop that reports the loss per epoch only.
 */
public final class TerminateOnNaN implements Callback {
    private final boolean raiseError;

    /** Stops training gracefully (Keras's default, {@code raise_error=False}). */
    public TerminateOnNaN() {
        this(false);
    }

    /**
     * @param raiseError throw an {@link IllegalStateException} instead of asking training to stop
     */
    public TerminateOnNaN(boolean raiseError) {
        this.raiseError = raiseError;
    }

    @Override
    public void onBatchEnd(TrainingControl training, int batch, Map<String, Double> logs) {
        check(training, logs, "Batch " + batch);
    }

    @Override
    public void onEpochEnd(TrainingControl training, int epoch, Map<String, Double> logs) {
        check(training, logs, "Epoch " + (epoch + 1));
    }

    private void check(TrainingControl training, Map<String, Double> logs, String where) {
        Double loss = logs.get("loss");
        if (loss == null || Double.isFinite(loss)) {
            return;
        }
        if (raiseError) {
            throw new IllegalStateException(
                    "NaN or Inf loss encountered at "
                            + where.toLowerCase(Locale.ROOT)
                            + ". Loss value: "
                            + PythonFormat.repr(loss)
                            + ". Terminating training immediately.");
        }
        training.out().println(where + ": Invalid loss, terminating training");
        training.stopTraining();
    }
}
