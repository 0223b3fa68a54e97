package org.conv4j.layers.optimizers;

import java.util.Locale;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * Keras's SGD (defaults lr 0.01, momentum 0, nesterov false):
 * <pre>
 *   momentum == 0:  w -= lr * g
 *   else:           m = momentum * m - lr * g
 *                   w += m                        (plain)
 *                   w += momentum * m - lr * g    (Nesterov)
 * </pre>
 * lr sits inside m, so a learning-rate change acts gradually, as in Keras.
 */
public class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    public SGD() {
        this(0.01, 0, false);
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    protected Tensor[] newSlots(Backend backend, int[] shape) {
        return momentum == 0 ? new Tensor[] {null} : new Tensor[] {backend.zeros(shape)};
    }

    @Override
    protected void update(Backend backend, Tensor w, Tensor g, Tensor[] slots, double lr, long t) {
        backend.sgdUpdate(w, g, slots[0], lr, momentum, nesterov);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "SGD(learning_rate=%g, momentum=%g, nesterov=%s)", learningRate(), momentum, nesterov);
    }
}
