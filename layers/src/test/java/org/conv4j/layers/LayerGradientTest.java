package org.conv4j.layers;

import java.util.List;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.junit.jupiter.api.Test;

/** A float64 gradient check of every layer, through the layer API (forward, backward, weight grads). */
class LayerGradientTest {
    private final Random rng = new Random(7);

    private Tensor images(int n, int c, int h, int w, double scale) {
        return GradientCheck.random(rng, scale, n, c, h, w);
    }

    @Test
    void conv2dSameStride1() {
        GradientCheck.checkLayer(new Conv2D(3, 3).padding("same"), true, images(2, 2, 5, 5, 1));
    }

    @Test
    void conv2dStride2SameWithReluAndEvenInput() {
        GradientCheck.checkLayer(new Conv2D(2, 3).strides(2).padding("same").activation("relu"), true, images(2, 3, 6, 6, 1));
    }

    @Test
    void conv2dValidDilatedWithoutBias() {
        GradientCheck.checkLayer(new Conv2D(2, 2, 3).dilation(2).useBias(false), true, images(1, 2, 7, 7, 1));
    }

    @Test
    void conv2dSwish() {
        GradientCheck.checkLayer(new Conv2D(2, 1).activation("swish"), true, images(2, 3, 3, 3, 1));
    }

    @Test
    void depthwiseConv2dWithMultiplierAndRelu6() {
        GradientCheck.checkLayer(new DepthwiseConv2D(3, 3, 2).strides(2).padding("same").activation("relu6"), true,
                images(2, 3, 5, 5, 4));
    }

    @Test
    void denseWithSigmoidAndTanh() {
        GradientCheck.checkLayer(new Dense(4, "sigmoid"), true, GradientCheck.random(rng, 1, 3, 5));
        GradientCheck.checkLayer(new Dense(3, "tanh"), true, GradientCheck.random(rng, 1, 2, 4));
    }

    @Test
    void denseSoftmax() {
        GradientCheck.checkLayer(new Dense(4, "softmax"), true, GradientCheck.random(rng, 1, 3, 5));
    }

    @Test
    void batchNormalizationTrainingOnImagesAndVectors() {
        GradientCheck.checkLayer(new BatchNormalization(), true, images(3, 2, 3, 3, 1));
        GradientCheck.checkLayer(new BatchNormalization(), true, GradientCheck.random(rng, 1, 5, 3));
    }

    @Test
    void batchNormalizationInferenceAndFrozen() {
        GradientCheck.checkLayer(new BatchNormalization(), false, images(2, 3, 2, 2, 1));
        BatchNormalization frozen = new BatchNormalization();
        frozen.setTrainable(false);
        GradientCheck.checkLayer(frozen, true, images(2, 3, 2, 2, 1));
    }

    @Test
    void pooling() {
        GradientCheck.checkLayer(new MaxPooling2D(2), true, images(2, 2, 4, 5, 1));
        GradientCheck.checkLayer(new MaxPooling2D(3, 3).strides(2, 2).padding("same"), true, images(1, 2, 6, 6, 1));
        GradientCheck.checkLayer(new AveragePooling2D(2), true, images(2, 2, 4, 4, 1));
        GradientCheck.checkLayer(new AveragePooling2D(3, 3).strides(2, 2).padding("same"), true, images(1, 2, 5, 6, 1));
        GradientCheck.checkLayer(new GlobalAveragePooling2D(), true, images(2, 3, 3, 4, 1));
    }

    @Test
    void reshapingAndPadding() {
        GradientCheck.checkLayer(new Flatten(), true, images(2, 2, 3, 3, 1));
        GradientCheck.checkLayer(new ZeroPadding2D(0, 1, 1, 2), true, images(2, 2, 3, 3, 1));
    }

    @Test
    void activationsAndRelu6() {
        GradientCheck.checkLayer(new ReLU(6), true, images(2, 2, 3, 3, 4));
        GradientCheck.checkLayer(new ReLU(), true, images(2, 2, 3, 3, 1));
        for (String f : List.of("relu", "sigmoid", "tanh", "swish", "linear")) {
            GradientCheck.checkLayer(new Activation(f), true, images(2, 2, 2, 2, 1));
        }
        GradientCheck.checkLayer(new Activation("softmax"), true, GradientCheck.random(rng, 1, 3, 4));
    }

    @Test
    void dropoutInTrainingUsesOneMaskPerStep() {
        GradientCheck.checkLayer(new Dropout(0.4), true, images(2, 3, 3, 3, 1));
    }

    @Test
    void addOfThreeInputs() {
        GradientCheck.checkLayer(new Add(), true, images(2, 2, 2, 2, 1), images(2, 2, 2, 2, 1), images(2, 2, 2, 2, 1));
    }
}
