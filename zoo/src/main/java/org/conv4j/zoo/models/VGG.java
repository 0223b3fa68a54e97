package org.conv4j.zoo.models;

import org.conv4j.layers.Conv2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Model;
import org.conv4j.layers.SymbolicTensor;

/**
 * Keras's VGG16 and VGG19: five blocks of 3x3 'same' ReLU convolutions with bias (64, 128, 256,
 * 512, 512 filters; 2, 2, 3, 3, 3 layers for VGG16 and 2, 2, 4, 4, 4 for VGG19) named
 * block{b}_conv{i}, each ended by block{b}_pool (2x2 max pool); with the top flatten, fc1, fc2
 * (4096, ReLU) and predictions (softmax); without, optional global pooling.
 */
public final class VGG {
    private static final int[] FILTERS = {64, 128, 256, 512, 512};
    private static final int[] VGG16_CONVS = {2, 2, 3, 3, 3};
    private static final int[] VGG19_CONVS = {2, 2, 4, 4, 4};

    private VGG() {}

    public static Model vgg16(int height, int width, boolean includeTop, String pooling, int classes) {
        return build(VGG16_CONVS, "vgg16", height, width, includeTop, pooling, classes);
    }

    public static Model vgg19(int height, int width, boolean includeTop, String pooling, int classes) {
        return build(VGG19_CONVS, "vgg19", height, width, includeTop, pooling, classes);
    }

    private static Model build(int[] convs, String name, int height, int width, boolean includeTop, String pooling, int classes) {
        SymbolicTensor input = InputLayer.input(height, width, 3);
        SymbolicTensor x = input;
        for (int b = 0; b < FILTERS.length; b++) {
            for (int i = 1; i <= convs[b]; i++) {
                x = new Conv2D(FILTERS[b], 3).padding("same").activation("relu").named("block" + (b + 1) + "_conv" + i).apply(x);
            }
            x = new MaxPooling2D(2).strides(2, 2).named("block" + (b + 1) + "_pool").apply(x);
        }
        x = includeTop ? Heads.vggTop(x, classes) : Heads.pool(x, pooling);
        return new Model(input, x, name);
    }
}
