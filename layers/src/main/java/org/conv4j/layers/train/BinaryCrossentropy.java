package org.conv4j.layers.train;

import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Layer;

/**
 * Keras's binary_crossentropy on (N, K) labels in [0, 1]: the mean over all elements of
 * -(t log p + (1 - t) log(1 - p)). Fused with a sigmoid output (or {@code fromLogits}) it is
 * max(z, 0) - z t + log(1 + e^-|z|) with dz = (sigmoid(z) - t) / size; on plain probabilities p is
 * clipped to [1e-7, 1 - 1e-7] and dp = (-t/p + (1-t)/(1-p)) / size where unclipped.
 * Accuracy is Keras's binary_accuracy: p > 0.5 against t, per element.
 */
public class BinaryCrossentropy extends FusedCrossEntropy {
    public BinaryCrossentropy() {
        this(false);
    }

    public BinaryCrossentropy(boolean fromLogits) {
        super(fromLogits);
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public void checkLabels(Tensor y, int outputWidth) {
        int width = y.rank() == 1 ? 1 : y.size() / y.dim(0);
        if (width != outputWidth) {
            throw new IllegalArgumentException(name() + " needs labels (N, " + outputWidth + "), got " + y.shapeString());
        }
    }

    @Override
    protected boolean fusesWith(Layer outputLayer) {
        return outputLayer.outputsSigmoid();
    }

    @Override
    protected double fused(Backend backend, Tensor logits, Tensor target, Tensor probabilities, Tensor dLogits) {
        return backend.sigmoidBinaryCrossEntropy(logits, target, probabilities, dLogits);
    }

    @Override
    protected Value onProbabilities(Backend backend, Tensor output, Tensor target) {
        int n = output.size();
        double[] ps = output.toDoubleArray(), ts = target.toDoubleArray();
        double[] g = new double[n];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double p = ps[i], t = ts[i];
            double c = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
            loss -= t * Math.log(c) + (1 - t) * Math.log(1 - c);
            g[i] = c == p ? (-t / p + (1 - t) / (1 - p)) / n : 0;
        }
        return new Value(loss / n, backend.fromDoubles(g, output.shape()), false, output);
    }

    @Override
    public int countCorrect(float[] probabilities, float[] targets, int rows, int width) {
        int correct = 0;
        for (int i = 0; i < rows * width; i++) {
            if ((probabilities[i] > 0.5f) == (targets[i] > 0.5f)) {
                correct++;
            }
        }
        return correct;
    }

    @Override
    public int accuracyCount(int rows, int width) {
        return rows * width;
    }
}
