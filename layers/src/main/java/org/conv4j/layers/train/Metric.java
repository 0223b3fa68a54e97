package org.conv4j.layers.train;

import java.util.Locale;

/**
 * A Keras metric, accumulated over the batches of an epoch or an evaluation: {@link #reset}, then
 * {@link #update} per batch with the model's outputs (probabilities) and the loss's targets
 * (one-hot, or 0/1), both host arrays of (rows, width), then {@link #result}. Names are Keras's;
 * the epoch's logs show each under its name, with "val_" for validation data.
 */
public abstract class Metric {
    public abstract String name();

    public abstract void reset();

    public abstract void update(float[] probabilities, float[] targets, int rows, int width);

    public abstract double result();

    /**
     * The metric of a Keras name: "accuracy" (or "acc": the loss's own accuracy, as Keras picks it),
     * "binary_accuracy", "categorical_accuracy", "top_k_categorical_accuracy" (k 5; the
     * "sparse_" name too, since conv4j's targets are one-hot), "precision", "recall", "auc".
     */
    public static Metric of(String name, Loss loss) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "accuracy":
            case "acc":
                return new LossAccuracy(loss);
            case "binary_accuracy":
                return new BinaryAccuracy();
            case "categorical_accuracy":
                return new TopKCategoricalAccuracy("categorical_accuracy", 1);
            case "top_k_categorical_accuracy":
            case "sparse_top_k_categorical_accuracy":
                return new TopKCategoricalAccuracy(name.toLowerCase(Locale.ROOT), 5);
            case "precision":
                return ConfusionMetric.precision();
            case "recall":
                return ConfusionMetric.recall();
            case "auc":
                return AUC.interpolated(200);
            default:
                throw new IllegalArgumentException("unknown metric '" + name + "': expected accuracy, binary_accuracy, "
                        + "categorical_accuracy, top_k_categorical_accuracy, precision, recall or auc");
        }
    }

    /** A metric that is a fraction of right answers over the epoch: {@code correct / counted}, 0 before any. */
    abstract static class Fraction extends Metric {
        protected long correct;
        protected long counted;

        @Override
        public void reset() {
            correct = 0;
            counted = 0;
        }

        @Override
        public double result() {
            return counted == 0 ? 0 : (double) correct / counted;
        }
    }

    /** Keras's "accuracy": whichever accuracy matches the loss (categorical, or binary per element). */
    private static final class LossAccuracy extends Fraction {
        private final Loss loss;

        LossAccuracy(Loss loss) {
            this.loss = loss;
        }

        @Override
        public String name() {
            return "accuracy";
        }

        @Override
        public void update(float[] probabilities, float[] targets, int rows, int width) {
            correct += loss.countCorrect(probabilities, targets, rows, width);
            counted += loss.accuracyCount(rows, width);
        }
    }

    /** Keras's binary_accuracy: the mean over every value of (p > 0.5) == t. */
    private static final class BinaryAccuracy extends Fraction {
        @Override
        public String name() {
            return "binary_accuracy";
        }

        @Override
        public void update(float[] probabilities, float[] targets, int rows, int width) {
            for (int i = 0; i < rows * width; i++) {
                correct += (probabilities[i] > 0.5f ? 1f : 0f) == targets[i] ? 1 : 0;
            }
            counted += (long) rows * width;
        }
    }
}
