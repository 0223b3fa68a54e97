package org.conv4j.layers;

import org.conv4j.engine.Tensor;

/** Keras's AveragePooling2D: y = mean over each window, padded positions not counted; backward spreads dy evenly. */
public class AveragePooling2D extends Pooling2D<AveragePooling2D> {
    public AveragePooling2D(int poolSize) {
        this(poolSize, poolSize);
    }

    public AveragePooling2D(int poolH, int poolW) {
        super(poolH, poolW);
    }

    @Override
    protected void pool(Tensor x, Tensor out) {
        backend.avgPool2dForward(x, out, spec);
    }

    @Override
    protected void unpool(Tensor dy, Tensor gradInput) {
        backend.avgPool2dBackward(dy, gradInput, spec);
    }
}
