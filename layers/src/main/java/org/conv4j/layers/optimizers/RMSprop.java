package org.conv4j.layers.optimizers;

import java.util.Locale;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * Keras's RMSprop (defaults lr 0.001, rho 0.9, epsilon 1e-7, no momentum, not centered):
 * <pre>
 *   v = rho * v + (1 - rho) * g^2
 *   w -= lr * g / sqrt(v + epsilon)     (epsilon inside the root, as Keras)
 * </pre>
 */
public class RMSprop extends Optimizer {
    private final double rho;
    private final double epsilon;

    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 1e-7);
    }

    public RMSprop(double learningRate, double rho, double epsilon) {
        super(learningRate);
        if (!(rho >= 0 && rho < 1 && epsilon >= 0)) {
            throw new IllegalArgumentException("RMSprop needs 0 <= rho < 1 and epsilon >= 0, got " + rho + ", " + epsilon);
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    protected Tensor[] newSlots(Backend backend, int[] shape) {
        return new Tensor[] {backend.zeros(shape)};
    }

    @Override
    protected void update(Backend backend, Tensor w, Tensor g, Tensor[] slots, double lr, long t) {
        backend.rmspropUpdate(w, g, slots[0], lr, rho, epsilon);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "RMSprop(learning_rate=%g, rho=%g, epsilon=%g)", learningRate(), rho, epsilon);
    }
}
