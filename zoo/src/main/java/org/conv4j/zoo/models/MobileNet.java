package org.conv4j.zoo.models;

import java.util.Locale;
import org.conv4j.layers.Activation;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.DepthwiseConv2D;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Model;
import org.conv4j.layers.ReLU;
import org.conv4j.layers.Reshape;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.ZeroPadding2D;

/**
 * Keras's MobileNet (v1, {@code keras.applications.MobileNet}) with width multiplier alpha and
 * depth multiplier 1: conv1 (3x3 stride 2 'same', int(32 alpha) filters, no bias), conv1_bn,
 * conv1_relu (ReLU6), then 13 depthwise separable blocks i = 1..13: for stride 2 first conv_pad_i,
 * a fixed ZeroPadding2D ((0, 1), (0, 1)) whatever the size, and a 'valid' depthwise (else 'same'),
 * conv_dw_i (3x3, no bias), conv_dw_i_bn, conv_dw_i_relu, conv_pw_i (1x1, int(filters alpha), no
 * bias), conv_pw_i_bn, conv_pw_i_relu. BatchNormalization with Keras's defaults (momentum 0.99,
 * epsilon 1e-3). The top as Keras 3 builds it: global average pooling with keepdims, dropout
 * (rate 1e-3), conv_preds (1x1 with bias), reshape_2 to (classes), predictions (softmax).
 */
public final class MobileNet {
    /** (pointwise filters, stride) of blocks 1..13. */
    private static final int[][] BLOCKS = {
        {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1},
        {1024, 2}, {1024, 1}};

    private MobileNet() {}

    public static Model build(double alpha, int height, int width, boolean includeTop, String pooling, int classes) {
        SymbolicTensor input = InputLayer.input(height, width, 3);
        SymbolicTensor x = new Conv2D((int) (32 * alpha), 3).strides(2).padding("same").useBias(false).named("conv1").apply(input);
        x = new BatchNormalization().named("conv1_bn").apply(x);
        x = new ReLU(6).named("conv1_relu").apply(x);
        for (int b = 0; b < BLOCKS.length; b++) {
            int id = b + 1, stride = BLOCKS[b][1];
            if (stride == 2) {
                x = new ZeroPadding2D(0, 1, 0, 1).named("conv_pad_" + id).apply(x);
            }
            x = new DepthwiseConv2D(3).strides(stride).padding(stride == 1 ? "same" : "valid").useBias(false)
                    .named("conv_dw_" + id).apply(x);
            x = new BatchNormalization().named("conv_dw_" + id + "_bn").apply(x);
            x = new ReLU(6).named("conv_dw_" + id + "_relu").apply(x);
            x = new Conv2D((int) (BLOCKS[b][0] * alpha), 1).padding("same").useBias(false).named("conv_pw_" + id).apply(x);
            x = new BatchNormalization().named("conv_pw_" + id + "_bn").apply(x);
            x = new ReLU(6).named("conv_pw_" + id + "_relu").apply(x);
        }
        if (includeTop) {
            x = new GlobalAveragePooling2D().keepdims(true).apply(x);
            x = new Dropout(1e-3).named("dropout").apply(x);
            x = new Conv2D(classes, 1).padding("same").named("conv_preds").apply(x);
            x = new Reshape(classes).named("reshape_2").apply(x);
            x = new Activation("softmax").named("predictions").apply(x);
        } else {
            x = Heads.pool(x, pooling);
        }
        int rows = rowsForName(height, width);
        return new Model(input, x, String.format(Locale.ROOT, "mobilenet_%.2f_%d", alpha, rows));
    }

    /** Keras names the model (and picks the weights file) after the input size when it is one of the pretrained sizes, else 224. */
    public static int rowsForName(int height, int width) {
        return height == width && (height == 128 || height == 160 || height == 192 || height == 224) ? height : 224;
    }
}
