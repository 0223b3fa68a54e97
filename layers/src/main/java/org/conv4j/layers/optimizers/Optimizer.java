package org.conv4j.layers.optimizers;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Parameter;

/**
 * A Keras optimizer: a learning rate, a step counter (Keras's {@code iterations}) and, per weight,
 * its slots (momentum, second moments). {@link #apply} updates every given weight from its gradient.
 * A weight may have its own factor on the learning rate ({@link #scaleLearningRate}: PyTorch's
 * parameter groups, the fine-tuning practical's "differential learning rate"); by default 1.
 */
public abstract class Optimizer {
    private double learningRate;
    private long iterations;
    private final Map<Parameter, Tensor[]> slots = new IdentityHashMap<>();
    private final Map<Parameter, Double> learningRateFactors = new IdentityHashMap<>();

    protected Optimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " learning rate must be a finite number >= 0, got " + lr);
        }
        this.learningRate = lr;
    }

    /** Steps taken so far. */
    public long iterations() {
        return iterations;
    }

    /** From now on {@code weight} steps with {@code factor} times the learning rate (kept across {@link #reset}). */
    public void scaleLearningRate(Parameter weight, double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the learning-rate factor of " + weight.path() + " must be a finite number >= 0, got " + factor);
        }
        learningRateFactors.put(weight, factor);
    }

    /** The learning rate {@code weight} steps with: the optimizer's times its factor. */
    public double learningRate(Parameter weight) {
        return learningRate * learningRateFactors.getOrDefault(weight, 1.0);
    }

    /** Forgets the step count and the slots (a fresh compile). */
    public void reset() {
        iterations = 0;
        slots.clear();
    }

    /** One step: iterations += 1, then each weight is updated from its gradient. */
    public void apply(Backend backend, List<Parameter> weights) {
        iterations++;
        for (Parameter p : weights) {
            Tensor[] s = slots.computeIfAbsent(p, k -> newSlots(backend, k.shape()));
            update(backend, p.value(), p.grad(), s, learningRate(p), iterations);
        }
    }

    /** The per-weight state this optimizer keeps, zero-filled. */
    protected abstract Tensor[] newSlots(Backend backend, int[] shape);

    /** Updates w in place from g with learning rate lr at step t (1-based). */
    protected abstract void update(Backend backend, Tensor w, Tensor g, Tensor[] slots, double lr, long t);

    /** Keras's name and settings, for reports. */
    public abstract String describe();
}
