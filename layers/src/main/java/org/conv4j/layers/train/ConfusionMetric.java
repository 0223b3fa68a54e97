package org.conv4j.layers.train;

/**
 * Keras's Precision and Recall at threshold 0.5, over every output value as a binary decision
 * (predicted positive when p > 0.5, actually positive when the target is not 0), counted over the
 * epoch: precision = TP / (TP + FP), recall = TP / (TP + FN), 0 when the denominator is 0 (Keras's
 * divide_no_nan).
 */
final class ConfusionMetric extends Metric {
    private final boolean precision;
    private long truePositives;
    private long falsePositives;
    private long falseNegatives;

    private ConfusionMetric(boolean precision) {
        this.precision = precision;
    }

    static ConfusionMetric precision() {
        return new ConfusionMetric(true);
    }

    static ConfusionMetric recall() {
        return new ConfusionMetric(false);
    }

    @Override
    public String name() {
        return precision ? "precision" : "recall";
    }

    @Override
    public void reset() {
        truePositives = 0;
        falsePositives = 0;
        falseNegatives = 0;
    }

    @Override
    public void update(float[] probabilities, float[] targets, int rows, int width) {
        for (int i = 0; i < rows * width; i++) {
            boolean predicted = probabilities[i] > 0.5f, actual = targets[i] != 0f;
            truePositives += predicted && actual ? 1 : 0;
            falsePositives += predicted && !actual ? 1 : 0;
            falseNegatives += !predicted && actual ? 1 : 0;
        }
    }

    @Override
    public double result() {
        long denominator = truePositives + (precision ? falsePositives : falseNegatives);
        return denominator == 0 ? 0 : (double) truePositives / denominator;
    }
}
