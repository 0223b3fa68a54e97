package org.conv4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.conv4j.engine.Tensor;

/** Keras's Add: y = x1 + x2 + ... (same shapes); backward gives every input the same dy. */
public class Add extends Layer {
    private Tensor y;

    public Add() {
        super(null);
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        if (inputShapes.size() < 2) {
            throw new IllegalArgumentException("layer " + name() + " (Add) needs at least 2 inputs, got " + inputShapes.size());
        }
        for (int[] s : inputShapes) {
            if (!Arrays.equals(s, inputShapes.get(0))) {
                throw new IllegalArgumentException("layer " + name() + " (Add) needs inputs of one shape, got "
                        + kerasShape(inputShapes.get(0)) + " and " + kerasShape(s));
            }
        }
        return inputShapes.get(0).clone();
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        y = reuse(y, inputs.get(0).shape());
        backend.add(inputs.get(0), inputs.get(1), y);
        for (int i = 2; i < inputs.size(); i++) {
            backend.add(y, inputs.get(i), y);
        }
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        List<Tensor> grads = new ArrayList<>();
        for (int i = 0; i < inputShapes().size(); i++) {
            grads.add(gradOutput);
        }
        return grads;
    }
}
