package org.conv4j.layers;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.conv4j.engine.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A float64 gradient check of every layer, through the layer API (forward, backward, weight
 * grads). {@link LayerGpuParityTest} runs the same cases on the GPU against the reference.
 */
class LayerGradientTest {
    private final Random rng = new Random(7);

    /** Checks a new layer from {@code layer} on {@code inputs} (float64). */
    protected void check(Supplier<Layer> layer, boolean training, Tensor... inputs) {
        GradientCheck.checkLayer(layer.get(), training, inputs);
    }

    private Tensor images(int n, int c, int h, int w, double scale) {
        return GradientCheck.random(rng, scale, n, c, h, w);
    }

    @Test
    void conv2dSameStride1() {
        check(() -> new Conv2D(3, 3).padding("same"), true, images(2, 2, 5, 5, 1));
    }

    @Test
    void conv2dStride2SameWithReluAndEvenInput() {
        check(() -> new Conv2D(2, 3).strides(2).padding("same").activation("relu"), true, images(2, 3, 6, 6, 1));
    }

    @Test
    void conv2dValidDilatedWithoutBias() {
        check(() -> new Conv2D(2, 2, 3).dilation(2).useBias(false), true, images(1, 2, 7, 7, 1));
    }

    @Test
    void conv2dSwish() {
        check(() -> new Conv2D(2, 1).activation("swish"), true, images(2, 3, 3, 3, 1));
    }

    @Test
    void depthwiseConv2dWithMultiplierAndRelu6() {
        check(() -> new DepthwiseConv2D(3, 3, 2).strides(2).padding("same").activation("relu6"), true,
                images(2, 3, 5, 5, 4));
    }

    @Test
    void denseWithSigmoidAndTanh() {
        check(() -> new Dense(4, "sigmoid"), true, GradientCheck.random(rng, 1, 3, 5));
        check(() -> new Dense(3, "tanh"), true, GradientCheck.random(rng, 1, 2, 4));
    }

    @Test
    void denseSoftmax() {
        check(() -> new Dense(4, "softmax"), true, GradientCheck.random(rng, 1, 3, 5));
    }

    @Test
    void batchNormalizationTrainingOnImagesAndVectors() {
        check(() -> new BatchNormalization(), true, images(3, 2, 3, 3, 1));
        check(() -> new BatchNormalization(), true, GradientCheck.random(rng, 1, 5, 3));
    }

    @Test
    void batchNormalizationInferenceAndFrozen() {
        check(() -> new BatchNormalization(), false, images(2, 3, 2, 2, 1));
        check(() -> {
            BatchNormalization frozen = new BatchNormalization();
            frozen.setTrainable(false);
            return frozen;
        }, true, images(2, 3, 2, 2, 1));
    }

    @Test
    void pooling() {
        check(() -> new MaxPooling2D(2), true, images(2, 2, 4, 5, 1));
        check(() -> new MaxPooling2D(3, 3).strides(2, 2).padding("same"), true, images(1, 2, 6, 6, 1));
        check(() -> new AveragePooling2D(2), true, images(2, 2, 4, 4, 1));
        check(() -> new AveragePooling2D(3, 3).strides(2, 2).padding("same"), true, images(1, 2, 5, 6, 1));
        check(() -> new GlobalAveragePooling2D(), true, images(2, 3, 3, 4, 1));
    }

    @Test
    void reshapingAndPadding() {
        check(() -> new Flatten(), true, images(2, 2, 3, 3, 1));
        check(() -> new ZeroPadding2D(0, 1, 1, 2), true, images(2, 2, 3, 3, 1));
    }

    @Test
    void activationsAndRelu6() {
        check(() -> new ReLU(6), true, images(2, 2, 3, 3, 4));
        check(() -> new ReLU(), true, images(2, 2, 3, 3, 1));
        for (String f : List.of("relu", "sigmoid", "tanh", "swish", "linear")) {
            check(() -> new Activation(f), true, images(2, 2, 2, 2, 1));
        }
        check(() -> new Activation("softmax"), true, GradientCheck.random(rng, 1, 3, 4));
    }

    @Test
    void dropoutInTrainingUsesOneMaskPerStep() {
        check(() -> new Dropout(0.4), true, images(2, 3, 3, 3, 1));
    }

    @Test
    void hardSigmoidAndHardSwishOnBothSidesOfTheirKinks() {
        for (String f : List.of("hard_sigmoid", "hard_swish")) {
            check(() -> new Activation(f), true, images(2, 2, 3, 3, 4));
        }
    }

    @Test
    void rescalingByANumberAndPerChannel() {
        check(() -> new Rescaling(1 / 127.5, -1), true, images(2, 3, 2, 2, 1));
        check(() -> new Rescaling(new double[] {0.5, 2, -1}, new double[] {0.1, 0.2, 0.3}), true, images(2, 3, 2, 3, 1));
        check(() -> new Rescaling(new double[] {0.5, 2, -1, 3}, new double[] {0}), true, GradientCheck.random(rng, 1, 2, 4));
    }

    @Test
    void normalizationWithLoadedStatistics() {
        check(() -> new Normalization(), true, images(2, 3, 2, 2, 1));
        check(() -> new Normalization(), true, GradientCheck.random(rng, 1, 3, 5));
    }

    @Test
    void multiplyOfOneShapeAndSqueezeAndExciteBroadcasting() {
        check(() -> new Multiply(), true, images(2, 2, 2, 3, 1), images(2, 2, 2, 3, 1), images(2, 2, 2, 3, 1));
        check(() -> new Multiply(), true, images(2, 3, 4, 4, 1), images(2, 3, 1, 1, 1));
        check(() -> new Multiply(), true, images(2, 3, 1, 1, 1), images(2, 3, 2, 3, 1));
    }

    @Test
    void reshapeAndKeepdimsPooling() {
        check(() -> new Reshape(1, 1, 4), true, GradientCheck.random(rng, 1, 2, 4));
        check(() -> new Reshape(-1), true, images(2, 5, 1, 1, 1));
        check(() -> new GlobalAveragePooling2D().keepdims(true), true, images(2, 3, 3, 4, 1));
    }

    @Test
    void dropoutWithANoiseShapeDropsWholeSamplesOrChannels() {
        check(() -> new Dropout(0.5).noiseShape(1, 1, 1), true, images(4, 2, 3, 3, 1));
        check(() -> new Dropout(0.5).noiseShape(1, 1, -1), true, images(3, 4, 2, 2, 1));
    }

    @Test
    void addOfThreeInputs() {
        check(() -> new Add(), true, images(2, 2, 2, 2, 1), images(2, 2, 2, 2, 1), images(2, 2, 2, 2, 1));
    }
}
