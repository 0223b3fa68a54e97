package org.conv4j.layers.train;

/**
 * Keras's top_k_categorical_accuracy (k = 1 is categorical_accuracy): a row is right when its true
 * class (the target's argmax) is among the k highest predictions; as TensorFlow's in_top_k, a class
 * tied at the boundary counts as in, so the test is "fewer than k classes score strictly higher".
 */
final class TopKCategoricalAccuracy extends Metric.Fraction {
    private final String name;
    private final int k;

    TopKCategoricalAccuracy(String name, int k) {
        this.name = name;
        this.k = k;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void update(float[] probabilities, float[] targets, int n, int width) {
        for (int r = 0; r < n; r++) {
            int base = r * width, label = 0;
            for (int j = 1; j < width; j++) {
                label = targets[base + j] > targets[base + label] ? j : label;
            }
            int higher = 0;
            for (int j = 0; j < width; j++) {
                higher += probabilities[base + j] > probabilities[base + label] ? 1 : 0;
            }
            correct += higher < k ? 1 : 0;
        }
        counted += n;
    }
}
