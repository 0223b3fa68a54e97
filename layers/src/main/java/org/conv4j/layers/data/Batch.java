package org.conv4j.layers.data;

import org.conv4j.engine.Tensor;

/** A batch on the host: x (N, C, H, W) or (N, F) float32, y (N) or (N, K) labels. */
public record Batch(Tensor x, Tensor y) {
    public int size() {
        return x.dim(0);
    }
}
