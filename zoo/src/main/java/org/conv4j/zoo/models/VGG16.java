package org.conv4j.zoo.models;

import org.conv4j.layers.Conv2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Model;
import org.conv4j.layers.SymbolicTensor;

/**
 * Keras's VGG16: five blocks of 3x3 'same' ReLU convolutions (64, 128, 256, 512, 512 filters; 2, 2,
 * 3, 3, 3 layers) named block{b}_conv{i}, each ended by block{b}_pool (2x2 max pool); with the top
 * flatten, fc1, fc2 (4096, ReLU) and predictions (softmax); without, optional global pooling.
 */
public final class VGG16 {
    private static final int[][] BLOCKS = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};

    private VGG16() {}

    public static Model build(int height, int width, boolean includeTop, String pooling, int classes) {
        SymbolicTensor input = InputLayer.input(height, width, 3);
        SymbolicTensor x = input;
        for (int b = 0; b < BLOCKS.length; b++) {
            for (int i = 1; i <= BLOCKS[b][1]; i++) {
                x = new Conv2D(BLOCKS[b][0], 3).padding("same").activation("relu").named("block" + (b + 1) + "_conv" + i).apply(x);
            }
            x = new MaxPooling2D(2).strides(2, 2).named("block" + (b + 1) + "_pool").apply(x);
        }
        x = includeTop ? Heads.vggTop(x, classes) : Heads.pool(x, pooling);
        return new Model(input, x, "vgg16");
    }
}
