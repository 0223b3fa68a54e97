package org.conv4j.zoo.models;

import org.conv4j.layers.Activation;
import org.conv4j.layers.Add;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.DepthwiseConv2D;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Multiply;
import org.conv4j.layers.ReLU;
import org.conv4j.layers.Rescaling;
import org.conv4j.layers.ScalarOperation;
import org.conv4j.layers.SymbolicTensor;

/**
 * Keras 3's MobileNetV3Small and MobileNetV3Large ({@code keras.applications.MobileNetV3*}, alpha
 * 1.0, not minimalistic), with Keras 3's layer names. The preprocessing is in the model:
 * Rescaling(1/127.5, offset -1). Then conv (3x3 stride 2 'same', 16 filters, no bias), conv_bn,
 * hard_swish, the inverted residual blocks expanded_conv_[{id}_] (expand + expand_bn + activation
 * but in block 0; depthwise_pad (correct_pad) and a 'valid' depthwise for stride 2; depthwise,
 * depthwise_bn, activation; squeeze-and-excite on the expanded width; project, project_bn; add when
 * the shape is kept), conv_1 (1x1 to 6x the last width), conv_1_bn, hard_swish; with the top a
 * keepdims average pool, conv_2 (1x1 with bias), hard_swish, dropout 0.2, logits (1x1), flatten,
 * predictions (softmax). BatchNormalization: momentum 0.999, epsilon 1e-3.
 *
 * <p>Activations as Keras 3 writes them: hard_swish is an Activation layer; hard_sigmoid is
 * ReLU(6)(x + 3) * (1/6), where the addition and the product are operations, not layers, so only
 * the ReLU is in model.layers. tf.keras 2 named the layers "Conv", "expanded_conv/depthwise",
 * "expanded_conv/squeeze_excite/Conv", ... (nested groups in its H5 files): the weights are the
 * same, in the same order, and load by topological order.
 */
public final class MobileNetV3 {
    /** expansion, filters, kernel, stride, squeeze-and-excite (1/0), hard_swish (1) or relu (0) per block. */
    private static final double[][] SMALL = {
        {1, 16, 3, 2, 1, 0}, {72.0 / 16, 24, 3, 2, 0, 0}, {88.0 / 24, 24, 3, 1, 0, 0}, {4, 40, 5, 2, 1, 1},
        {6, 40, 5, 1, 1, 1}, {6, 40, 5, 1, 1, 1}, {3, 48, 5, 1, 1, 1}, {3, 48, 5, 1, 1, 1}, {6, 96, 5, 2, 1, 1},
        {6, 96, 5, 1, 1, 1}, {6, 96, 5, 1, 1, 1}};
    private static final double[][] LARGE = {
        {1, 16, 3, 1, 0, 0}, {4, 24, 3, 2, 0, 0}, {3, 24, 3, 1, 0, 0}, {3, 40, 5, 2, 1, 0}, {3, 40, 5, 1, 1, 0},
        {3, 40, 5, 1, 1, 0}, {6, 80, 3, 2, 0, 1}, {2.5, 80, 3, 1, 0, 1}, {2.3, 80, 3, 1, 0, 1}, {2.3, 80, 3, 1, 0, 1},
        {6, 112, 3, 1, 1, 1}, {6, 112, 3, 1, 1, 1}, {6, 160, 5, 2, 1, 1}, {6, 160, 5, 1, 1, 1}, {6, 160, 5, 1, 1, 1}};
    private static final double SE_RATIO = 0.25;

    private MobileNetV3() {}

    public static Model small(int height, int width, boolean includeTop, String pooling, int classes) {
        return build(SMALL, 1024, "MobileNetV3Small", height, width, includeTop, pooling, classes);
    }

    public static Model large(int height, int width, boolean includeTop, String pooling, int classes) {
        return build(LARGE, 1280, "MobileNetV3Large", height, width, includeTop, pooling, classes);
    }

    private static Model build(double[][] blocks, int lastPointChannels, String name, int height, int width,
                               boolean includeTop, String pooling, int classes) {
        SymbolicTensor input = InputLayer.input(height, width, 3);
        SymbolicTensor x = new Rescaling(1.0 / 127.5, -1.0).apply(input);
        x = new Conv2D(16, 3).strides(2).padding("same").useBias(false).named("conv").apply(x);
        x = batchNorm("conv_bn").apply(x);
        x = hardSwish(x);
        for (int id = 0; id < blocks.length; id++) {
            double[] b = blocks[id];
            x = invertedResidual(x, b[0], (int) b[1], (int) b[2], (int) b[3], b[4] > 0, b[5] > 0, id);
        }
        x = new Conv2D(depth(x.shape()[0] * 6), 1).padding("same").useBias(false).named("conv_1").apply(x);
        x = batchNorm("conv_1_bn").apply(x);
        x = hardSwish(x);
        if (includeTop) {
            x = new GlobalAveragePooling2D().keepdims(true).apply(x);
            x = new Conv2D(lastPointChannels, 1).padding("same").named("conv_2").apply(x);
            x = hardSwish(x);
            x = new Dropout(0.2).apply(x);
            x = new Conv2D(classes, 1).padding("same").named("logits").apply(x);
            x = new Flatten().apply(x);
            x = new Activation("softmax").named("predictions").apply(x);
        } else {
            x = Heads.pool(x, pooling, "avg_pool", "max_pool");
        }
        return new Model(input, x, name);
    }

    private static BatchNormalization batchNorm(String name) {
        return new BatchNormalization().momentum(0.999).epsilon(1e-3).named(name);
    }

    private static SymbolicTensor hardSwish(SymbolicTensor x) {
        return new Activation("hard_swish").apply(x);
    }

    /** relu6(x + 3) * (1/6), with the ReLU the only layer of the three. */
    private static SymbolicTensor hardSigmoid(SymbolicTensor x) {
        return ScalarOperation.multiply(new ReLU(6).apply(ScalarOperation.add(x, 3.0)), 1.0 / 6.0);
    }

    private static SymbolicTensor activation(SymbolicTensor x, boolean hardSwish) {
        return hardSwish ? hardSwish(x) : new ReLU().apply(x);
    }

    /** Keras's _depth: v to the nearest multiple of 8, at least 8, never below 90% of v. */
    static int depth(double v) {
        int rounded = Math.max(8, (int) (v + 4) / 8 * 8);
        return rounded < 0.9 * v ? rounded + 8 : rounded;
    }

    private static SymbolicTensor invertedResidual(SymbolicTensor inputs, double expansion, int filters, int kernel, int stride,
                                                   boolean squeezeExcite, boolean hardSwish, int blockId) {
        int inFilters = inputs.shape()[0];
        String prefix = blockId == 0 ? "expanded_conv_" : "expanded_conv_" + blockId + "_";
        SymbolicTensor x = inputs;
        if (blockId != 0) {
            x = new Conv2D(depth(inFilters * expansion), 1).padding("same").useBias(false).named(prefix + "expand").apply(x);
            x = batchNorm(prefix + "expand_bn").apply(x);
            x = activation(x, hardSwish);
        }
        if (stride == 2) {
            x = EfficientNet.correctPad(x, kernel, prefix + "depthwise_pad");
        }
        x = new DepthwiseConv2D(kernel).strides(stride).padding(stride == 1 ? "same" : "valid").useBias(false)
                .named(prefix + "depthwise").apply(x);
        x = batchNorm(prefix + "depthwise_bn").apply(x);
        x = activation(x, hardSwish);
        if (squeezeExcite) {
            x = squeezeExcite(x, depth(inFilters * expansion), prefix);
        }
        x = new Conv2D(filters, 1).padding("same").useBias(false).named(prefix + "project").apply(x);
        x = batchNorm(prefix + "project_bn").apply(x);
        if (stride == 1 && inFilters == filters) {
            x = new Add().named(prefix + "add").apply(inputs, x);
        }
        return x;
    }

    private static SymbolicTensor squeezeExcite(SymbolicTensor inputs, int filters, String prefix) {
        SymbolicTensor x = new GlobalAveragePooling2D().keepdims(true).named(prefix + "squeeze_excite_avg_pool").apply(inputs);
        x = new Conv2D(depth(filters * SE_RATIO), 1).padding("same").named(prefix + "squeeze_excite_conv").apply(x);
        x = new ReLU().named(prefix + "squeeze_excite_relu").apply(x);
        x = new Conv2D(filters, 1).padding("same").named(prefix + "squeeze_excite_conv_1").apply(x);
        x = hardSigmoid(x);
        return new Multiply().named(prefix + "squeeze_excite_mul").apply(inputs, x);
    }
}
