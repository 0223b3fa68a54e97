package org.conv4j.zoo.models;

import org.conv4j.layers.Activation;
import org.conv4j.layers.Add;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Model;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.ZeroPadding2D;

/**
 * Keras's ResNet50, ResNet101 and ResNet152 (v1, {@code keras.applications.resnet}): conv1_pad (3
 * each side), conv1_conv (7x7 stride 2, with bias), conv1_bn, conv1_relu, pool1_pad (1 each side),
 * pool1_pool (3x3 stride 2), then four stacks conv2..conv5 of bottleneck blocks with 64, 128, 256,
 * 512 filters: 1x1 (_1_conv, carrying the block's stride), 3x3 'same' (_2_conv), 1x1 to 4x the
 * filters (_3_conv), each convolution with bias and followed by BatchNormalization (epsilon
 * 1.001e-5); the first block of a stack has a 1x1 projection shortcut (_0_conv, _0_bn) with the
 * same stride, the others add their input; _add, then _out (ReLU). The first stack has stride 1,
 * the others 2. With the top avg_pool and predictions; without, avg_pool / max_pool for pooling.
 *
 * <p>model.layers puts a first block's shortcut after its _2_relu: _0_conv, _3_conv, _0_bn, _3_bn
 * (Keras's order by depth; the weight files list them so, and _0_conv and _3_conv of conv2_block1
 * have one shape, (1, 1, 64, 256), so a wrong order would load them swapped without an error).
 */
public final class ResNet {
    private static final int[] FILTERS = {64, 128, 256, 512};

    private ResNet() {}

    public static Model resnet50(int height, int width, boolean includeTop, String pooling, int classes) {
        return build(new int[] {3, 4, 6, 3}, "resnet50", height, width, includeTop, pooling, classes);
    }

    public static Model resnet101(int height, int width, boolean includeTop, String pooling, int classes) {
        return build(new int[] {3, 4, 23, 3}, "resnet101", height, width, includeTop, pooling, classes);
    }

    public static Model resnet152(int height, int width, boolean includeTop, String pooling, int classes) {
        return build(new int[] {3, 8, 36, 3}, "resnet152", height, width, includeTop, pooling, classes);
    }

    private static Model build(int[] blocks, String name, int height, int width, boolean includeTop, String pooling, int classes) {
        SymbolicTensor input = InputLayer.input(height, width, 3);
        SymbolicTensor x = new ZeroPadding2D(3, 3, 3, 3).named("conv1_pad").apply(input);
        x = new Conv2D(64, 7).strides(2).named("conv1_conv").apply(x);
        x = batchNorm("conv1_bn").apply(x);
        x = new Activation("relu").named("conv1_relu").apply(x);
        x = new ZeroPadding2D(1, 1, 1, 1).named("pool1_pad").apply(x);
        x = new MaxPooling2D(3).strides(2, 2).named("pool1_pool").apply(x);
        for (int s = 0; s < blocks.length; s++) {
            String stack = "conv" + (s + 2);
            x = block(x, FILTERS[s], s == 0 ? 1 : 2, true, stack + "_block1");
            for (int b = 2; b <= blocks[s]; b++) {
                x = block(x, FILTERS[s], 1, false, stack + "_block" + b);
            }
        }
        if (includeTop) {
            x = new GlobalAveragePooling2D().named("avg_pool").apply(x);
            x = new Dense(classes, "softmax").named("predictions").apply(x);
        } else {
            x = Heads.pool(x, pooling, "avg_pool", "max_pool");
        }
        return new Model(input, x, name);
    }

    private static BatchNormalization batchNorm(String name) {
        return new BatchNormalization().epsilon(1.001e-5).named(name);
    }

    /** Keras's residual_block_v1: the bottleneck with a projection shortcut or an identity one. */
    private static SymbolicTensor block(SymbolicTensor input, int filters, int stride, boolean projection, String name) {
        SymbolicTensor shortcut = input;
        if (projection) {
            shortcut = new Conv2D(4 * filters, 1).strides(stride).named(name + "_0_conv").apply(input);
            shortcut = batchNorm(name + "_0_bn").apply(shortcut);
        }
        SymbolicTensor x = new Conv2D(filters, 1).strides(stride).named(name + "_1_conv").apply(input);
        x = batchNorm(name + "_1_bn").apply(x);
        x = new Activation("relu").named(name + "_1_relu").apply(x);
        x = new Conv2D(filters, 3).padding("same").named(name + "_2_conv").apply(x);
        x = batchNorm(name + "_2_bn").apply(x);
        x = new Activation("relu").named(name + "_2_relu").apply(x);
        x = new Conv2D(4 * filters, 1).named(name + "_3_conv").apply(x);
        x = batchNorm(name + "_3_bn").apply(x);
        x = new Add().named(name + "_add").apply(shortcut, x);
        return new Activation("relu").named(name + "_out").apply(x);
    }
}
