package org.conv4j.zoo.models;

import java.util.Locale;
import org.conv4j.layers.Add;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.DepthwiseConv2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Model;
import org.conv4j.layers.ReLU;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.ZeroPadding2D;

/**
 * Keras's MobileNetV2 ({@code keras.applications.MobileNetV2}), layer for layer with Keras's names:
 * Conv1 (3x3 stride 2, TensorFlow 'same'), bn_Conv1, Conv1_relu, then 17 inverted residual blocks
 * (expanded_conv_*, block_1_* ... block_16_*: 1x1 expand + BN + ReLU6 (not in block 0),
 * ZeroPadding2D(correct_pad) before a stride-2 depthwise, 3x3 depthwise + BN + ReLU6, 1x1 project +
 * BN, Add when the shape is kept), Conv_1 (1x1, 1280 filters or more), Conv_1_bn, out_relu, and
 * with the top a global average pool and the "predictions" Dense. BN: momentum 0.999, epsilon 1e-3.
 */
public final class MobileNetV2 {
    /** (expansion, filters, stride) of blocks 0..16, as in Keras's source. */
    private static final int[][] BLOCKS = {
        {1, 16, 1}, {6, 24, 2}, {6, 24, 1}, {6, 32, 2}, {6, 32, 1}, {6, 32, 1}, {6, 64, 2}, {6, 64, 1}, {6, 64, 1},
        {6, 64, 1}, {6, 96, 1}, {6, 96, 1}, {6, 96, 1}, {6, 160, 2}, {6, 160, 1}, {6, 160, 1}, {6, 320, 1}};

    private MobileNetV2() {}

    /** Keras's _make_divisible: v rounded to the nearest multiple of divisor, never below 90% of v. */
    static int makeDivisible(double v, int divisor) {
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    /**
     * The network for an input of (height, width, 3), width multiplier {@code alpha}; with
     * {@code includeTop} a classifier of {@code classes} with softmax, else {@code pooling}
     * ("none", "avg" or "max") after out_relu.
     */
    public static Model build(double alpha, int height, int width, boolean includeTop, String pooling, int classes) {
        if (includeTop && pooling != null && !pooling.equals("none")) {
            throw new IllegalArgumentException("MobileNetV2 with the top ends in its own pooling: use pooling only with includeTop=false");
        }
        SymbolicTensor input = InputLayer.input(height, width, 3);
        int firstFilters = makeDivisible(32 * alpha, 8);
        SymbolicTensor x = new Conv2D(firstFilters, 3).strides(2).padding("same").useBias(false).named("Conv1").apply(input);
        x = batchNorm("bn_Conv1").apply(x);
        x = new ReLU(6).named("Conv1_relu").apply(x);
        for (int b = 0; b < BLOCKS.length; b++) {
            x = invertedResidual(x, BLOCKS[b][0], BLOCKS[b][2], alpha, BLOCKS[b][1], b);
        }
        int lastFilters = alpha > 1.0 ? makeDivisible(1280 * alpha, 8) : 1280;
        x = new Conv2D(lastFilters, 1).useBias(false).named("Conv_1").apply(x);
        x = batchNorm("Conv_1_bn").apply(x);
        x = new ReLU(6).named("out_relu").apply(x);
        x = Heads.top(x, includeTop, pooling, classes, "predictions");
        int rows = rowsForName(height, width);
        return new Model(input, x, String.format(Locale.ROOT, "mobilenetv2_%.2f_%d", alpha, rows));
    }

    /** Keras names the model after the input size when it is one of the pretrained sizes, else 224. */
    public static int rowsForName(int height, int width) {
        return height == width && (height == 96 || height == 128 || height == 160 || height == 192 || height == 224) ? height : 224;
    }

    private static BatchNormalization batchNorm(String name) {
        return new BatchNormalization().momentum(0.999).epsilon(1e-3).named(name);
    }

    private static SymbolicTensor invertedResidual(SymbolicTensor inputs, int expansion, int stride, double alpha,
                                                   int filters, int blockId) {
        int inChannels = inputs.shape()[0];
        int pointwiseFilters = makeDivisible((int) (filters * alpha), 8);
        String prefix = blockId == 0 ? "expanded_conv_" : "block_" + blockId + "_";
        SymbolicTensor x = inputs;
        if (blockId != 0) {
            x = new Conv2D(expansion * inChannels, 1).padding("same").useBias(false).named(prefix + "expand").apply(x);
            x = batchNorm(prefix + "expand_BN").apply(x);
            x = new ReLU(6).named(prefix + "expand_relu").apply(x);
        }
        if (stride == 2) {
            x = correctPad(x, prefix + "pad");
        }
        x = new DepthwiseConv2D(3).strides(stride).useBias(false).padding(stride == 1 ? "same" : "valid")
                .named(prefix + "depthwise").apply(x);
        x = batchNorm(prefix + "depthwise_BN").apply(x);
        x = new ReLU(6).named(prefix + "depthwise_relu").apply(x);
        x = new Conv2D(pointwiseFilters, 1).padding("same").useBias(false).named(prefix + "project").apply(x);
        x = batchNorm(prefix + "project_BN").apply(x);
        if (inChannels == pointwiseFilters && stride == 1) {
            return new Add().named(prefix + "add").apply(inputs, x);
        }
        return x;
    }

    /** Keras's imagenet_utils.correct_pad for a 3x3 kernel: (top, bottom) = (0, 1) for an even size, (1, 1) for an odd one. */
    private static SymbolicTensor correctPad(SymbolicTensor x, String name) {
        int h = x.shape()[1], w = x.shape()[2];
        return new ZeroPadding2D(h % 2, 1, w % 2, 1).named(name).apply(x);
    }
}
