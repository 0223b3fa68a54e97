package org.conv4j.layers;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's Sequential: a stack of single-input layers. Start with {@link #input} (Keras's
 * {@code Input(shape=...)}, channels last), then {@link #add} layers; each is built as it is added.
 * {@link #layers()} leaves out the InputLayer, as Keras does.
 */
public class Sequential extends Model {
    private SymbolicTensor input;
    private SymbolicTensor last;

    public Sequential() {
        super((String) null);
    }

    public Sequential(String name) {
        super(name);
    }

    /** The input shape, Keras style: (H, W, C) for images, (F) for vectors. */
    public Sequential input(int... kerasShape) {
        if (input != null) {
            throw new IllegalStateException("model " + name() + " already has an input " + input);
        }
        input = InputLayer.input(kerasShape);
        last = input;
        return this;
    }

    public Sequential add(Layer layer) {
        if (input == null) {
            throw new IllegalStateException("model " + name() + ": give the input shape first, e.g. new Sequential().input(32, 32, 3)");
        }
        last = layer.apply(last);
        resetGraph();
        return this;
    }

    /** Takes an already connected chain from {@code in} to {@code out} (used when loading a saved model). */
    public Sequential adopt(SymbolicTensor in, SymbolicTensor out) {
        input = in;
        last = out;
        resetGraph();
        return this;
    }

    private void resetGraph() {
        setGraphAgain(List.of(input), last);
    }

    @Override
    public String className() {
        return "Sequential";
    }

    @Override
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        for (Layer l : super.layers()) {
            if (!(l instanceof InputLayer)) {
                out.add(l);
            }
        }
        return out;
    }
}
