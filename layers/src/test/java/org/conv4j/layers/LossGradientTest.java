package org.conv4j.layers;

import java.util.List;
import java.util.Random;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.train.BinaryCrossentropy;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.layers.train.Loss;
import org.conv4j.layers.train.SparseCategoricalCrossentropy;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of every loss through the layer API: a Dense output layer, then the loss; fused
 * paths (softmax / sigmoid outputs, from_logits) and the plain-probability paths.
 */
class LossGradientTest {
    private final Backend backend = GradientCheck.backend();
    private final Random rng = new Random(3);

    private void check(Loss loss, Dense output, Tensor labels, int features) {
        int n = labels.dim(0);
        Tensor x = GradientCheck.random(rng, 1, n, features);
        output.build(List.<int[]>of(new int[] {features}));
        output.materialize(backend, rng);
        GradientCheck.randomizeWeights(output, rng);
        int width = output.outputShape()[0];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Tensor target = loss.targets(backend, labels, rows, width);
        GradientCheck.check(loss.name(), () -> loss.compute(backend, output, output.forward(x, true), target).loss(), () -> {
            Loss.Value v = loss.compute(backend, output, output.forward(x, true), target);
            return v.gradientOfLogits() ? output.backwardFromLogits(v.gradient()) : output.backward(v.gradient());
        }, List.of(x), output.trainableWeights());
    }

    private Tensor oneHot(int n, int k) {
        double[] t = new double[n * k];
        for (int i = 0; i < n; i++) {
            t[i * k + rng.nextInt(k)] = 1;
        }
        return Tensor.of(t, n, k);
    }

    @Test
    void categoricalFusedWithSoftmax() {
        check(new CategoricalCrossentropy(), new Dense(4, "softmax"), oneHot(5, 4), 3);
    }

    @Test
    void categoricalFromLogits() {
        check(new CategoricalCrossentropy(true), new Dense(4), oneHot(5, 4), 3);
    }

    @Test
    void categoricalOnProbabilitiesThatAreNotSoftmax() {
        check(new CategoricalCrossentropy(), new Dense(3, "sigmoid"), oneHot(4, 3), 3);
    }

    @Test
    void sparseCategorical() {
        check(new SparseCategoricalCrossentropy(), new Dense(4, "softmax"), Tensor.of(new double[] {0, 3, 1, 2, 3}, 5), 3);
    }

    @Test
    void binaryFusedWithSigmoidAndFromLogits() {
        Tensor t = Tensor.of(new double[] {0, 1, 1, 0, 1, 0}, 3, 2);
        check(new BinaryCrossentropy(), new Dense(2, "sigmoid"), t, 3);
        check(new BinaryCrossentropy(true), new Dense(2), t, 3);
    }

    @Test
    void binaryOnProbabilities() {
        check(new BinaryCrossentropy(), new Dense(2, "softmax"), Tensor.of(new double[] {0, 1, 1, 0, 1, 1}, 3, 2), 3);
    }
}
