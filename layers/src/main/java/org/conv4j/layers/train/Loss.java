package org.conv4j.layers.train;

import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Layer;

/**
 * A Keras loss, reduced to the mean over the batch. When the model's last layer ends in the
 * matching activation (softmax for cross-entropy, sigmoid for binary cross-entropy), the loss is
 * computed from that layer's logits, fused and numerically stable, and the gradient is that of the
 * logits; otherwise it is computed from the outputs as probabilities, clipped like Keras's.
 */
public abstract class Loss {
    /** Keras clips probabilities to [EPSILON, 1 - EPSILON] before taking logarithms. */
    public static final double EPSILON = 1e-7;

    /** The mean loss of a batch, and the gradient to start the backward pass from. */
    public record Value(double loss, Tensor gradient, boolean gradientOfLogits, Tensor probabilities) {}

    public abstract String name();

    /**
     * The target tensor of a batch on the backend: rows {@code rows} of the host labels {@code y},
     * shaped like the model output (N, K).
     */
    public abstract Tensor targets(Backend backend, Tensor y, int[] rows, int outputWidth);

    /** Loss and gradient for {@code output} (from {@code outputLayer}) against {@code target}. */
    public abstract Value compute(Backend backend, Layer outputLayer, Tensor output, Tensor target);

    /** How many predictions are right (Keras's accuracy for this loss); host arrays of (N, K). */
    public abstract int countCorrect(float[] probabilities, float[] targets, int rows, int width);

    /** The number of values accuracy averages over for a batch of {@code rows} rows. */
    public int accuracyCount(int rows, int width) {
        return rows;
    }

    /** Checks the labels y against the model's output width before training starts. */
    public abstract void checkLabels(Tensor y, int outputWidth);

    /** Rows {@code rows} of the (N, width) host labels y, as an (rows, width) tensor on the backend. */
    protected static Tensor copyRows(Backend backend, Tensor y, int[] rows, int width) {
        float[] t = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < width; j++) {
                t[r * width + j] = (float) y.get(rows[r] * width + j);
            }
        }
        return backend.fromFloats(t, rows.length, width);
    }

    /** A buffer of {@code shape}: {@code current} if it has it, else a new one. */
    protected static Tensor reuse(Backend backend, Tensor current, int[] shape) {
        return current != null && current.hasShape(shape) ? current : backend.zeros(shape);
    }

    static int argmax(float[] v, int offset, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (v[offset + j] > v[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
