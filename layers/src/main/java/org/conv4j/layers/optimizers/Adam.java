package org.conv4j.layers.optimizers;

import java.util.Locale;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * Keras's Adam (defaults lr 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7), at step t:
 * <pre>
 *   m = beta_1 * m + (1 - beta_1) * g
 *   v = beta_2 * v + (1 - beta_2) * g^2
 *   alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
 *   w -= alpha * m / (sqrt(v) + epsilon)
 * </pre>
 * (epsilon outside the root and not bias-corrected: Keras's form, not PyTorch's.)
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon >= 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta_1, beta_2 < 1 and epsilon >= 0, got "
                    + beta1 + ", " + beta2 + ", " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected Tensor[] newSlots(Backend backend, int[] shape) {
        return new Tensor[] {backend.zeros(shape), backend.zeros(shape)};
    }

    @Override
    protected void update(Backend backend, Tensor w, Tensor g, Tensor[] slots, double lr, long t) {
        backend.adamUpdate(w, g, slots[0], slots[1], lr, beta1, beta2, epsilon, t);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Adam(learning_rate=%g, beta_1=%g, beta_2=%g, epsilon=%g)", learningRate(), beta1, beta2, epsilon);
    }
}
