package org.conv4j.layers.train;

import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Layer;

/**
 * What the cross-entropies share: fused with the output activation they belong to (softmax or
 * sigmoid; or {@code fromLogits}) they start backward from the logits; otherwise they read the
 * outputs as probabilities, clipped like Keras's.
 */
abstract class FusedCrossEntropy extends Loss {
    private final boolean fromLogits;
    private Tensor probs;
    private Tensor grad;

    FusedCrossEntropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    /** Whether {@code outputLayer} ends in the activation this loss fuses with. */
    protected abstract boolean fusesWith(Layer outputLayer);

    /** The fused op: writes probs and dLogits, returns the mean loss. */
    protected abstract double fused(Backend backend, Tensor logits, Tensor target, Tensor probabilities, Tensor dLogits);

    /** The loss on plain probabilities (no fusion possible). */
    protected abstract Value onProbabilities(Backend backend, Tensor output, Tensor target);

    @Override
    public Tensor targets(Backend backend, Tensor y, int[] rows, int outputWidth) {
        return copyRows(backend, y, rows, outputWidth);
    }

    @Override
    public Value compute(Backend backend, Layer outputLayer, Tensor output, Tensor target) {
        boolean fused = fusesWith(outputLayer);
        if (!fused && !fromLogits) {
            return onProbabilities(backend, output, target);
        }
        Tensor logits = fused ? outputLayer.logits() : output;
        probs = reuse(backend, probs, logits.shape());
        grad = reuse(backend, grad, logits.shape());
        double loss = fused(backend, logits, target, probs, grad);
        return new Value(loss, grad, fused, probs);
    }
}
