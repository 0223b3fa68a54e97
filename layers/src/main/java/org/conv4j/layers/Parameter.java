package org.conv4j.layers;

import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * One weight of a layer (Keras's "variable"): a name such as "kernel" or "moving_mean", a shape in
 * our layout, how it starts, and whether gradient descent may change it. Moving statistics are
 * never trainable; the others follow their layer's {@code trainable} flag.
 *
 * <p>{@link #value()} and {@link #grad()} exist once the layer is materialized on a backend. The
 * gradient is written (not accumulated) by each backward pass.
 */
public final class Parameter {
    private final Layer owner;
    private final String name;
    private final int[] shape;
    private final Initializer initializer;
    private final boolean gradientDescent;
    private Tensor value;
    private Tensor grad;
    private Regularizer regularizer;

    Parameter(Layer owner, String name, int[] shape, Initializer initializer, boolean gradientDescent) {
        this.owner = owner;
        this.name = name;
        this.shape = shape.clone();
        this.initializer = initializer;
        this.gradientDescent = gradientDescent;
    }

    public String name() {
        return name;
    }

    /** Keras's full weight name, e.g. "conv2d/kernel". */
    public String path() {
        return owner.name() + "/" + name;
    }

    public Layer owner() {
        return owner;
    }

    public int[] shape() {
        return shape.clone();
    }

    public long count() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Trainable by the live flags: a gradient-descent weight of an effectively trainable layer. */
    public boolean trainable() {
        return gradientDescent && owner.isEffectivelyTrainable();
    }

    /** Trained in the current run (the state of the last compile): layers compute its gradient only then. */
    public boolean trainsNow() {
        return gradientDescent && owner.trainsNow();
    }

    /** False for statistics (moving mean / variance), which no optimizer ever changes. */
    public boolean isGradientDescentWeight() {
        return gradientDescent;
    }

    public Tensor value() {
        if (value == null) {
            throw new IllegalStateException("weight " + path() + " has no value yet: build or compile the model first");
        }
        return value;
    }

    /** The gradient of the last backward pass; null for weights that never get one. */
    /** The weight's regularizer (Keras's kernel_regularizer), or null. */
    public Regularizer regularizer() {
        return regularizer;
    }

    void setRegularizer(Regularizer r) {
        this.regularizer = r;
    }

    public Tensor grad() {
        return grad;
    }

    void materialize(Backend backend, java.util.Random rng) {
        double[] init = initializer.initialize(shape, rng);
        value = backend.fromDoubles(init, shape);
        grad = gradientDescent ? backend.zeros(shape) : null;
    }

    boolean isMaterialized() {
        return value != null;
    }
}
