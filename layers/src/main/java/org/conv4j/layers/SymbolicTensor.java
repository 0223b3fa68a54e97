package org.conv4j.layers;

import java.util.List;

/**
 * The output of a layer in the functional API (Keras's KerasTensor): which layer made it, from
 * which inputs, and its per-sample shape. It holds no numbers.
 */
public final class SymbolicTensor {
    private final Layer layer;
    private final List<SymbolicTensor> inputs;
    private final int[] shape;
    private final Boolean training;

    SymbolicTensor(Layer layer, List<SymbolicTensor> inputs, int[] shape) {
        this(layer, inputs, shape, null);
    }

    SymbolicTensor(Layer layer, List<SymbolicTensor> inputs, int[] shape, Boolean training) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.shape = shape.clone();
        this.training = training;
    }

    /** The training mode the layer was called with (Keras's training=...), or null to follow the model's. */
    public Boolean training() {
        return training;
    }

    public Layer layer() {
        return layer;
    }

    public List<SymbolicTensor> inputs() {
        return inputs;
    }

    /** Per-sample shape in our order ((C, H, W) for images). */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "SymbolicTensor" + Layer.kerasShape(shape) + " from " + layer.name();
    }
}
