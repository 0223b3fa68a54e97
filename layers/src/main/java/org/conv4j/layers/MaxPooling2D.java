package org.conv4j.layers;

import org.conv4j.engine.Tensor;

/** Keras's MaxPooling2D: y = max over each window; backward routes dy to the window's (first) maximum. */
public class MaxPooling2D extends Pooling2D<MaxPooling2D> {
    public MaxPooling2D(int poolSize) {
        this(poolSize, poolSize);
    }

    public MaxPooling2D(int poolH, int poolW) {
        super(poolH, poolW);
    }

    @Override
    protected void pool(Tensor x, Tensor out) {
        backend.maxPool2dForward(x, out, spec);
    }

    @Override
    protected void unpool(Tensor dy, Tensor gradInput) {
        backend.maxPool2dBackward(input, dy, gradInput, spec);
    }
}
