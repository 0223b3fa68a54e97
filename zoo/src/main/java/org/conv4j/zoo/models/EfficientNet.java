package org.conv4j.zoo.models;

import org.conv4j.layers.Activation;
import org.conv4j.layers.Add;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.DepthwiseConv2D;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Multiply;
import org.conv4j.layers.Normalization;
import org.conv4j.layers.Rescaling;
import org.conv4j.layers.Reshape;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.ZeroPadding2D;

/**
 * Keras's EfficientNetB0 and B3 ({@code keras.applications.efficientnet}). The preprocessing is in
 * the model: Rescaling(1/255), Normalization (ImageNet's mean and variance come from the weights
 * file) and, for ImageNet weights only, a Rescaling by 1/sqrt(stddev) per RGB channel, which Keras
 * adds because the released files store stddev squared as the variance yet the original network
 * divides by stddev^1.5 (TensorFlow issue 49930). Then stem_conv_pad (correct_pad), stem_conv (3x3
 * stride 2 'valid', no bias), stem_bn, stem_activation (swish), the MBConv blocks
 * block{stage}{a, b, ...}_ and top_conv (1x1, round_filters(1280)), top_bn, top_activation; with
 * the top avg_pool, top_dropout and predictions.
 *
 * <p>A block: expand_conv / expand_bn / expand_activation when expand_ratio is not 1; dwconv_pad
 * (correct_pad) and a 'valid' depthwise for stride 2, else 'same'; dwconv, bn, activation;
 * squeeze-and-excite with max(1, int(filters_in * 0.25)) filters, from the block's input width and
 * not its expansion (se_squeeze, se_reshape, se_reduce swish, se_expand sigmoid, se_excite);
 * project_conv, project_bn; and when the block keeps its shape, drop (drop-connect: Dropout with
 * noise shape (1, 1, 1), rate 0.2 * block / blocks) and add. BatchNormalization: Keras's defaults
 * (momentum 0.99, epsilon 1e-3).
 */
public final class EfficientNet {
    /** kernel, repeats, filters in, filters out, expand ratio, stride of the seven stages (se 0.25, id_skip). */
    private static final int[][] STAGES = {
        {3, 1, 32, 16, 1, 1}, {3, 2, 16, 24, 6, 2}, {5, 2, 24, 40, 6, 2}, {3, 3, 40, 80, 6, 2},
        {5, 3, 80, 112, 6, 1}, {5, 4, 112, 192, 6, 2}, {3, 1, 192, 320, 6, 1}};
    private static final double[] IMAGENET_MEAN_RGB = {0.485, 0.456, 0.406};
    static final double[] IMAGENET_STDDEV_RGB = {0.229, 0.224, 0.225};
    private static final double DROP_CONNECT_RATE = 0.2;

    /** One of Keras's EfficientNets: its width and depth coefficients, default size and top dropout. */
    public record Variant(String name, double width, double depth, int defaultSize, double dropout) {}

    public static final Variant B0 = new Variant("efficientnetb0", 1.0, 1.0, 224, 0.2);
    public static final Variant B3 = new Variant("efficientnetb3", 1.2, 1.4, 300, 0.3);

    private EfficientNet() {}

    /**
     * The network; {@code imagenetRescaling} adds the extra per-channel Rescaling Keras adds for
     * weights="imagenet". Before weights are loaded the Normalization holds mean 0 and variance 1.
     */
    public static Model build(Variant v, int height, int width, boolean includeTop, String pooling, int classes,
                              boolean imagenetRescaling) {
        SymbolicTensor input = InputLayer.input(height, width, 3);
        SymbolicTensor x = new Rescaling(1.0 / 255.0).apply(input);
        x = new Normalization().apply(x);
        if (imagenetRescaling) {
            double[] scale = new double[3];
            for (int c = 0; c < 3; c++) {
                scale[c] = 1.0 / Math.sqrt(IMAGENET_STDDEV_RGB[c]);
            }
            x = new Rescaling(scale, new double[] {0}).apply(x);
        }
        x = correctPad(x, 3, "stem_conv_pad");
        x = new Conv2D(roundFilters(32, v.width()), 3).strides(2).useBias(false).named("stem_conv").apply(x);
        x = new BatchNormalization().named("stem_bn").apply(x);
        x = new Activation("swish").named("stem_activation").apply(x);
        int blocks = 0;
        for (int[] s : STAGES) {
            blocks += roundRepeats(s[1], v.depth());
        }
        int b = 0;
        for (int i = 0; i < STAGES.length; i++) {
            int[] s = STAGES[i];
            int filtersIn = roundFilters(s[2], v.width()), filtersOut = roundFilters(s[3], v.width());
            int repeats = roundRepeats(s[1], v.depth());
            for (int j = 0; j < repeats; j++) {
                String name = "block" + (i + 1) + (char) ('a' + j) + "_";
                x = block(x, DROP_CONNECT_RATE * b / blocks, name, j == 0 ? filtersIn : filtersOut, filtersOut, s[0],
                        j == 0 ? s[5] : 1, s[4]);
                b++;
            }
        }
        x = new Conv2D(roundFilters(1280, v.width()), 1).padding("same").useBias(false).named("top_conv").apply(x);
        x = new BatchNormalization().named("top_bn").apply(x);
        x = new Activation("swish").named("top_activation").apply(x);
        if (includeTop) {
            x = new GlobalAveragePooling2D().named("avg_pool").apply(x);
            x = new Dropout(v.dropout()).named("top_dropout").apply(x);
            x = new Dense(classes, "softmax").named("predictions").apply(x);
        } else {
            x = Heads.pool(x, pooling, "avg_pool", "max_pool");
        }
        return new Model(input, x, v.name());
    }

    /** ImageNet's RGB mean and variance (stddev squared), what the released files hold in their Normalization. */
    public static double[][] imagenetStatistics() {
        double[] variance = new double[3];
        for (int c = 0; c < 3; c++) {
            variance[c] = IMAGENET_STDDEV_RGB[c] * IMAGENET_STDDEV_RGB[c];
        }
        return new double[][] {IMAGENET_MEAN_RGB.clone(), variance};
    }

    /** Keras's round_filters: filters * width to the nearest multiple of 8, never below 90% of it. */
    static int roundFilters(int filters, double width) {
        double f = filters * width;
        int rounded = Math.max(8, (int) (f + 4) / 8 * 8);
        return rounded < 0.9 * f ? rounded + 8 : rounded;
    }

    /** Keras's round_repeats: ceil(depth * repeats). */
    static int roundRepeats(int repeats, double depth) {
        return (int) Math.ceil(depth * repeats);
    }

    private static SymbolicTensor block(SymbolicTensor inputs, double dropRate, String name, int filtersIn, int filtersOut,
                                        int kernel, int stride, int expandRatio) {
        int filters = filtersIn * expandRatio;
        SymbolicTensor x = inputs;
        if (expandRatio != 1) {
            x = new Conv2D(filters, 1).padding("same").useBias(false).named(name + "expand_conv").apply(x);
            x = new BatchNormalization().named(name + "expand_bn").apply(x);
            x = new Activation("swish").named(name + "expand_activation").apply(x);
        }
        if (stride == 2) {
            x = correctPad(x, kernel, name + "dwconv_pad");
        }
        x = new DepthwiseConv2D(kernel).strides(stride).padding(stride == 2 ? "valid" : "same").useBias(false)
                .named(name + "dwconv").apply(x);
        x = new BatchNormalization().named(name + "bn").apply(x);
        x = new Activation("swish").named(name + "activation").apply(x);
        int filtersSe = Math.max(1, (int) (filtersIn * 0.25));
        SymbolicTensor se = new GlobalAveragePooling2D().named(name + "se_squeeze").apply(x);
        se = new Reshape(1, 1, filters).named(name + "se_reshape").apply(se);
        se = new Conv2D(filtersSe, 1).padding("same").activation("swish").named(name + "se_reduce").apply(se);
        se = new Conv2D(filters, 1).padding("same").activation("sigmoid").named(name + "se_expand").apply(se);
        x = new Multiply().named(name + "se_excite").apply(x, se);
        x = new Conv2D(filtersOut, 1).padding("same").useBias(false).named(name + "project_conv").apply(x);
        x = new BatchNormalization().named(name + "project_bn").apply(x);
        if (stride == 1 && filtersIn == filtersOut) {
            if (dropRate > 0) {
                x = new Dropout(dropRate).noiseShape(1, 1, 1).named(name + "drop").apply(x);
            }
            x = new Add().named(name + "add").apply(x, inputs);
        }
        return x;
    }

    /** Keras's imagenet_utils.correct_pad: (k/2 - 1 + size % 2, k/2) rows and columns. */
    static SymbolicTensor correctPad(SymbolicTensor x, int kernel, String name) {
        int h = x.shape()[1], w = x.shape()[2], k = kernel / 2;
        return new ZeroPadding2D(k - 1 + h % 2, k, k - 1 + w % 2, k).named(name).apply(x);
    }
}
