package org.conv4j.layers;

import java.util.List;
import org.conv4j.engine.Tensor;

/**
 * Flattens each sample to a vector, in our (C, H, W) order; forward and backward are reshapes
 * that share the numbers. Keras flattens in (H, W, C) order: the Keras importer permutes the rows
 * of a Dense that follows a Flatten, so a model trained here needs nothing.
 */
public class Flatten extends Layer {
    private int[] inputBatchShape;

    public Flatten() {
        super(null);
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int n = 1;
        for (int d : inputShapes.get(0)) {
            n *= d;
        }
        return new int[] {n};
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        inputBatchShape = x.shape();
        return x.reshape(x.dim(0), x.size() / x.dim(0));
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        return List.of(gradOutput.reshape(inputBatchShape));
    }
}
