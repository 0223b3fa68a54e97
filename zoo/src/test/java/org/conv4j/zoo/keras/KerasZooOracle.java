package org.conv4j.zoo.keras;

import static org.conv4j.zoo.keras.KerasForwardOracle.add;
import static org.conv4j.zoo.keras.KerasForwardOracle.addBias;
import static org.conv4j.zoo.keras.KerasForwardOracle.conv;
import static org.conv4j.zoo.keras.KerasForwardOracle.dense;
import static org.conv4j.zoo.keras.KerasForwardOracle.depthwise;
import static org.conv4j.zoo.keras.KerasForwardOracle.globalAverage;
import static org.conv4j.zoo.keras.KerasForwardOracle.maxPool;
import static org.conv4j.zoo.keras.KerasForwardOracle.pad;
import static org.conv4j.zoo.keras.KerasForwardOracle.relu;
import static org.conv4j.zoo.keras.KerasForwardOracle.relu6;
import static org.conv4j.zoo.keras.KerasForwardOracle.softmax;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.conv4j.zoo.keras.KerasForwardOracle.Images;

/**
 * Keras's forward pass (inference) of the zoo architectures, in float64 and NHWC, written from
 * keras.applications' sources and sharing no code with conv4j's layers, builders or importer
 * (only {@link KerasForwardOracle}'s plain NHWC ops). Weights are read from a Keras H5 file by
 * their Keras 3 layer names, through {@code fileName} (identity, or the tf.keras names of the
 * file), so a model that loads by topological order in a wrong layer order disagrees with it.
 * Shapes (channels, kernel sizes) come from the weights themselves.
 */
final class KerasZooOracle {
    private final Map<String, KerasH5File.LayerWeights> layers = new HashMap<>();
    private final UnaryOperator<String> fileName;
    private final Set<String> used = new HashSet<>();

    KerasZooOracle(KerasH5File file, UnaryOperator<String> fileName) {
        for (KerasH5File.LayerWeights l : file.layers()) {
            layers.put(l.name(), l);
        }
        this.fileName = fileName;
    }

    private boolean has(String layer) {
        return layers.containsKey(fileName.apply(layer));
    }

    private KerasH5File.Weight weight(String layer, int index) {
        KerasH5File.LayerWeights l = layers.get(fileName.apply(layer));
        if (l == null) {
            throw new IllegalArgumentException("no layer " + layer + " (" + fileName.apply(layer) + ") in the file");
        }
        used.add(l.name());
        return l.weights().get(index);
    }

    private double[] w(String layer, int index) {
        float[] f = weight(layer, index).values();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** True when every layer of the file that has weights was read. */
    boolean allUsed() {
        return layers.values().stream().filter(l -> !l.weights().isEmpty()).allMatch(l -> used.contains(l.name()));
    }

    // ---------------------------------------------------------------- layers, by name

    /** Conv2D of layer {@code name}: kernel (kh, kw, cin, cout), then its bias when it has one. */
    private Images conv2d(Images x, String name, int stride, boolean same) {
        int[] k = weight(name, 0).shape();
        Images y = conv(x, w(name, 0), k[0], k[1], k[3], stride, same);
        return layers.get(fileName.apply(name)).weights().size() > 1 ? addBias(y, w(name, 1)) : y;
    }

    private Images depthwise2d(Images x, String name, int stride, boolean same) {
        return depthwise(x, w(name, 0), weight(name, 0).shape()[0], stride, same);
    }

    /** BatchNormalization (gamma, beta, moving mean, moving variance): (x - mean) / sqrt(var + eps) * gamma + beta. */
    private Images bn(Images x, String name, double eps) {
        double[] gamma = w(name, 0), beta = w(name, 1), mean = w(name, 2), var = w(name, 3);
        double[] y = x.v().clone();
        for (int i = 0; i < y.length; i++) {
            int c = i % x.c();
            y[i] = (y[i] - mean[c]) / Math.sqrt(var[c] + eps) * gamma[c] + beta[c];
        }
        return new Images(y, x.n(), x.h(), x.w(), x.c());
    }

    private static Images map(Images x, DoubleUnaryOperator f) {
        double[] y = x.v().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = f.applyAsDouble(y[i]);
        }
        return new Images(y, x.n(), x.h(), x.w(), x.c());
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static Images swish(Images x) {
        return map(x, v -> v * sigmoid(v));
    }

    /** MobileNetV3's hard_sigmoid: ReLU(6)(x + 3) * (1 / 6). */
    private static double hardSigmoid(double v) {
        return Math.min(Math.max(v + 3, 0), 6) * (1.0 / 6.0);
    }

    private static Images hardSwish(Images x) {
        return map(x, v -> v * hardSigmoid(v));
    }

    /** x (N, H, W, C) times s (N, 1, 1, C). */
    private static Images excite(Images x, Images s) {
        double[] y = x.v().clone();
        int hwc = x.h() * x.w() * x.c();
        for (int i = 0; i < y.length; i++) {
            y[i] *= s.v()[i / hwc * x.c() + i % x.c()];
        }
        return new Images(y, x.n(), x.h(), x.w(), x.c());
    }

    /** imagenet_utils.correct_pad: ((k//2 - (1 - h%2), k//2), (k//2 - (1 - w%2), k//2)). */
    private static Images correctPad(Images x, int k) {
        return pad(x, k / 2 - (1 - x.h() % 2), k / 2, k / 2 - (1 - x.w() % 2), k / 2);
    }

    /** Dense of layer {@code name}, kernel (in, out) and bias, on pooled (N, 1, 1, F) or flattened maps. */
    private Images fc(Images x, String name) {
        return dense(x, w(name, 0), w(name, 1));
    }

    // ---------------------------------------------------------------- architectures

    /** keras.applications.VGG19: 3x3 'same' ReLU convolutions in blocks of 2, 2, 4, 4, 4, each ended by a 2x2 max pool. */
    Images vgg19(Images x, boolean top) {
        int[] convs = {2, 2, 4, 4, 4};
        for (int b = 1; b <= 5; b++) {
            for (int i = 1; i <= convs[b - 1]; i++) {
                x = relu(conv2d(x, "block" + b + "_conv" + i, 1, true));
            }
            x = maxPool(x, 2, 2);
        }
        if (top) {
            x = relu(fc(x, "fc1"));
            x = relu(fc(x, "fc2"));
            x = softmax(fc(x, "predictions"));
        }
        return x;
    }

    /** keras.applications.ResNet50/101/152 (v1): the stacks' block counts come from the file's layer names. */
    Images resnet(Images x, boolean top) {
        x = pad(x, 3, 3, 3, 3);
        x = relu(bn(conv2d(x, "conv1_conv", 2, false), "conv1_bn", 1.001e-5));
        x = maxPool(pad(x, 1, 1, 1, 1), 3, 2);
        for (int stack = 2; stack <= 5; stack++) {
            for (int b = 1; has("conv" + stack + "_block" + b + "_1_conv"); b++) {
                String name = "conv" + stack + "_block" + b;
                int stride = b == 1 && stack > 2 ? 2 : 1;
                Images shortcut = b == 1 ? bn(conv2d(x, name + "_0_conv", stride, false), name + "_0_bn", 1.001e-5) : x;
                Images y = relu(bn(conv2d(x, name + "_1_conv", stride, false), name + "_1_bn", 1.001e-5));
                y = relu(bn(conv2d(y, name + "_2_conv", 1, true), name + "_2_bn", 1.001e-5));
                y = bn(conv2d(y, name + "_3_conv", 1, false), name + "_3_bn", 1.001e-5);
                x = relu(add(shortcut, y));
            }
        }
        return top ? softmax(fc(globalAverage(x), "predictions")) : x;
    }

    /** keras.applications.MobileNet (v1): stride-2 blocks 2, 4, 6, 12 pad ((0, 1), (0, 1)) and convolve 'valid'. */
    Images mobileNet(Images x, boolean top) {
        x = relu6(bn(conv2d(x, "conv1", 2, true), "conv1_bn", 1e-3));
        for (int i = 1; i <= 13; i++) {
            boolean stride2 = i == 2 || i == 4 || i == 6 || i == 12;
            if (stride2) {
                x = pad(x, 0, 1, 0, 1);
            }
            x = relu6(bn(depthwise2d(x, "conv_dw_" + i, stride2 ? 2 : 1, !stride2), "conv_dw_" + i + "_bn", 1e-3));
            x = relu6(bn(conv2d(x, "conv_pw_" + i, 1, true), "conv_pw_" + i + "_bn", 1e-3));
        }
        if (top) {
            x = softmax(conv2d(globalAverage(x), "conv_preds", 1, true));
        }
        return x;
    }

    /**
     * keras.applications.EfficientNetB0/B3: Rescaling(1/255), Normalization ((x - mean) /
     * max(sqrt(var), 1e-7) with the file's statistics), the extra ImageNet rescaling by
     * 1/sqrt(stddev) when asked, then the stem, the MBConv blocks (found by name; the first of each
     * stage has the stage's stride) and the top.
     */
    Images efficientNet(Images x, boolean top, boolean imagenetRescaling) {
        double[] stddev = {0.229, 0.224, 0.225};
        double[] mean = w("normalization", 0), var = w("normalization", 1);
        w("normalization", 2);
        double[] y = x.v().clone();
        for (int i = 0; i < y.length; i++) {
            int c = i % 3;
            y[i] = (y[i] / 255.0 - mean[c]) / Math.max(Math.sqrt(var[c]), 1e-7);
            if (imagenetRescaling) {
                y[i] *= 1.0 / Math.sqrt(stddev[c]);
            }
        }
        x = new Images(y, x.n(), x.h(), x.w(), x.c());
        x = swish(bn(conv2d(correctPad(x, 3), "stem_conv", 2, false), "stem_bn", 1e-3));
        int[] stageStrides = {1, 2, 2, 2, 1, 2, 1};
        for (int stage = 1; stage <= 7; stage++) {
            for (char letter = 'a'; has("block" + stage + letter + "_project_conv"); letter++) {
                String name = "block" + stage + letter + "_";
                int stride = letter == 'a' ? stageStrides[stage - 1] : 1;
                Images in = x;
                if (has(name + "expand_conv")) {
                    x = swish(bn(conv2d(x, name + "expand_conv", 1, true), name + "expand_bn", 1e-3));
                }
                int k = weight(name + "dwconv", 0).shape()[0];
                x = stride == 2 ? depthwise2d(correctPad(x, k), name + "dwconv", 2, false) : depthwise2d(x, name + "dwconv", 1, true);
                x = swish(bn(x, name + "bn", 1e-3));
                Images se = swish(conv2d(globalAverage(x), name + "se_reduce", 1, true));
                x = excite(x, map(conv2d(se, name + "se_expand", 1, true), KerasZooOracle::sigmoid));
                x = bn(conv2d(x, name + "project_conv", 1, true), name + "project_bn", 1e-3);
                if (stride == 1 && in.c() == x.c()) {
                    x = add(x, in); // drop-connect is the identity at inference
                }
            }
        }
        x = swish(bn(conv2d(x, "top_conv", 1, true), "top_bn", 1e-3));
        return top ? softmax(fc(globalAverage(x), "predictions")) : x;
    }

    /**
     * keras.applications.MobileNetV3Small/Large (alpha 1, not minimalistic): Rescaling(1/127.5,
     * -1), the stem, the inverted residual blocks with {@code strides}, squeeze-and-excite where the
     * file has it, hard_swish where {@code hardSwish} says (else ReLU), then conv_1 and the top.
     */
    Images mobileNetV3(Images x, int[] strides, boolean[] hardSwish, boolean top) {
        x = map(x, v -> v / 127.5 - 1);
        x = hardSwish(bn(conv2d(x, "conv", 2, true), "conv_bn", 1e-3));
        for (int id = 0; id < strides.length; id++) {
            String prefix = id == 0 ? "expanded_conv_" : "expanded_conv_" + id + "_";
            UnaryOperator<Images> act = hardSwish[id] ? KerasZooOracle::hardSwish : KerasForwardOracle::relu;
            Images shortcut = x;
            if (id > 0) {
                x = act.apply(bn(conv2d(x, prefix + "expand", 1, true), prefix + "expand_bn", 1e-3));
            }
            int k = weight(prefix + "depthwise", 0).shape()[0];
            x = strides[id] == 2 ? depthwise2d(correctPad(x, k), prefix + "depthwise", 2, false)
                    : depthwise2d(x, prefix + "depthwise", 1, true);
            x = act.apply(bn(x, prefix + "depthwise_bn", 1e-3));
            if (has(prefix + "squeeze_excite_conv")) {
                Images se = relu(conv2d(globalAverage(x), prefix + "squeeze_excite_conv", 1, true));
                x = excite(x, map(conv2d(se, prefix + "squeeze_excite_conv_1", 1, true), KerasZooOracle::hardSigmoid));
            }
            x = bn(conv2d(x, prefix + "project", 1, true), prefix + "project_bn", 1e-3);
            if (strides[id] == 1 && shortcut.c() == x.c()) {
                x = add(shortcut, x);
            }
        }
        x = hardSwish(bn(conv2d(x, "conv_1", 1, true), "conv_1_bn", 1e-3));
        if (top) {
            x = hardSwish(conv2d(globalAverage(x), "conv_2", 1, true));
            x = softmax(conv2d(x, "logits", 1, true));
        }
        return x;
    }

    /** MobileNetV3Small's strides and activations (hard_swish from block 3 on). */
    static final int[] SMALL_STRIDES = {2, 2, 1, 2, 1, 1, 1, 1, 2, 1, 1};
    static final boolean[] SMALL_HARD_SWISH = {false, false, false, true, true, true, true, true, true, true, true};
    /** MobileNetV3Large's strides and activations (hard_swish from block 6 on). */
    static final int[] LARGE_STRIDES = {1, 2, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1};
    static final boolean[] LARGE_HARD_SWISH = {false, false, false, false, false, false, true, true, true, true, true, true, true, true, true};

    /** tf.keras 2's MobileNetV3 names for Keras 3's: "conv_bn" is "Conv/BatchNorm", "expanded_conv_1_expand" is "expanded_conv_1/expand". */
    static String tfKerasMobileNetV3Name(String keras3) {
        switch (keras3) {
            case "conv": return "Conv";
            case "conv_bn": return "Conv/BatchNorm";
            case "conv_1": return "Conv_1";
            case "conv_1_bn": return "Conv_1/BatchNorm";
            case "conv_2": return "Conv_2";
            case "logits": return "Logits";
            default: break;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(expanded_conv(?:_\\d+)?)_(.*)").matcher(keras3);
        if (!m.matches()) {
            return keras3;
        }
        String rest = m.group(2);
        for (String[] r : List.of(new String[] {"squeeze_excite_avg_pool", "squeeze_excite/AvgPool"},
                new String[] {"squeeze_excite_conv_1", "squeeze_excite/Conv_1"}, new String[] {"squeeze_excite_conv", "squeeze_excite/Conv"},
                new String[] {"squeeze_excite_relu", "squeeze_excite/Relu"}, new String[] {"squeeze_excite_mul", "squeeze_excite/Mul"},
                new String[] {"depthwise_pad", "depthwise/pad"}, new String[] {"expand_bn", "expand/BatchNorm"},
                new String[] {"depthwise_bn", "depthwise/BatchNorm"}, new String[] {"project_bn", "project/BatchNorm"},
                new String[] {"add", "Add"})) {
            if (rest.equals(r[0])) {
                return m.group(1) + "/" + r[1];
            }
        }
        return m.group(1) + "/" + rest;
    }
}
