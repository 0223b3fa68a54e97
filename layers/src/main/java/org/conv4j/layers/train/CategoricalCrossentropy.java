package org.conv4j.layers.train;

import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Layer;

/**
 * Keras's categorical_crossentropy on one-hot (N, K) labels: mean over rows of -sum t*log(p).
 * Fused with a softmax output (or {@code fromLogits}): dLogits = (softmax(z) - t) / N. On plain
 * probabilities: p is renormalized to sum 1 and clipped to [1e-7, 1 - 1e-7], as Keras does.
 */
public class CategoricalCrossentropy extends FusedCrossEntropy {
    public CategoricalCrossentropy() {
        this(false);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        super(fromLogits);
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public void checkLabels(Tensor y, int outputWidth) {
        if (y.rank() != 2 || y.dim(1) != outputWidth) {
            throw new IllegalArgumentException(name() + " needs one-hot labels (N, " + outputWidth + "), got " + y.shapeString()
                    + (y.rank() == 1 ? ": for class indices use SparseCategoricalCrossentropy" : ""));
        }
    }

    @Override
    protected boolean fusesWith(Layer outputLayer) {
        return outputLayer.outputsSoftmax();
    }

    @Override
    protected double fused(Backend backend, Tensor logits, Tensor target, Tensor probabilities, Tensor dLogits) {
        return backend.softmaxCrossEntropy(logits, target, probabilities, dLogits);
    }

    /**
     * L = -mean_r sum_j t_j log(clip(q_j)), q = p / sum(p). dL/dq_j = -t_j / q_j where unclipped
     * (0 where clipped); dL/dp_i = (dL/dq_i - sum_j dL/dq_j * q_j) / sum(p), all over N.
     */
    @Override
    protected Value onProbabilities(Backend backend, Tensor output, Tensor target) {
        int rows = output.dim(0), k = output.size() / rows;
        double[] p = output.toDoubleArray(), tp = target.toDoubleArray();
        double[] g = new double[output.size()];
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += p[r * k + j];
            }
            double[] dq = new double[k];
            double dot = 0;
            for (int j = 0; j < k; j++) {
                double q = p[r * k + j] / sum;
                double c = Math.min(Math.max(q, EPSILON), 1 - EPSILON);
                double t = tp[r * k + j];
                loss -= t * Math.log(c);
                dq[j] = c == q ? -t / q / rows : 0;
                dot += dq[j] * q;
            }
            for (int j = 0; j < k; j++) {
                g[r * k + j] = (dq[j] - dot) / sum;
            }
        }
        return new Value(loss / rows, backend.fromDoubles(g, output.shape()), false, output);
    }

    @Override
    public int countCorrect(float[] probabilities, float[] targets, int rows, int width) {
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            if (argmax(probabilities, r * width, width) == argmax(targets, r * width, width)) {
                correct++;
            }
        }
        return correct;
    }
}
