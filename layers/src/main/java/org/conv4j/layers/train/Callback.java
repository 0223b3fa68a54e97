package org.conv4j.layers.train;

import java.util.Map;

/**
 * Hooks into {@code fit}, as Keras's {@code keras.callbacks.Callback}. Epochs count from 0, as in
 * Keras; {@code logs} holds the metrics by Keras's names ("loss", "accuracy", "val_loss",
 * "val_accuracy", "lr").
 */
public interface Callback {
    default void onTrainBegin(TrainingControl training) {}

    default void onEpochBegin(TrainingControl training, int epoch) {}

    default void onBatchEnd(TrainingControl training, int batch, Map<String, Double> logs) {}

    default void onEpochEnd(TrainingControl training, int epoch, Map<String, Double> logs) {}

    default void onTrainEnd(TrainingControl training) {}
}
