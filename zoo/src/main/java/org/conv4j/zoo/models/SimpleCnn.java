package org.conv4j.zoo.models;

import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.ReLU;
import org.conv4j.layers.Regularizer;
import org.conv4j.layers.Sequential;

/** The course's CNNs built from scratch, for 32x32x3 inputs (CIFAR-10) unless told otherwise. */
public final class SimpleCnn {
    /** The command line's names of these models, in this order. */
    public static final java.util.List<String> NAMES = java.util.List.of("simple-cnn", "bn-dropout-cnn");

    private SimpleCnn() {}

    public static boolean isName(String name) {
        return NAMES.contains(name);
    }

    /**
     * The model of a command-line name ({@link #NAMES}), its Conv2D and Dense kernels under
     * {@code kernelRegularizer} (Keras's kernel_regularizer) unless it is null.
     */
    public static Sequential byName(String name, int height, int width, int channels, int classes, Regularizer kernelRegularizer) {
        return switch (name) {
            case "simple-cnn" -> simple(height, width, channels, classes, kernelRegularizer);
            case "bn-dropout-cnn" -> batchNormDropout(height, width, channels, classes, kernelRegularizer);
            default -> throw new IllegalArgumentException("unknown model '" + name + "': expected one of " + String.join(", ", NAMES));
        };
    }

    /**
     * The course's simple CNN (2,122,186 parameters at 32x32x3, 10 classes):
     * Conv2D 32 3x3 same relu, MaxPooling2D 2, Conv2D 64 3x3 same relu, MaxPooling2D 2, Flatten,
     * Dense 512 relu, Dense classes softmax.
     */
    public static Sequential simple(int height, int width, int channels, int classes) {
        return simple(height, width, channels, classes, null);
    }

    private static Sequential simple(int height, int width, int channels, int classes, Regularizer r) {
        return new Sequential("simple_cnn").input(height, width, channels)
                .add(new Conv2D(32, 3).padding("same").activation("relu").kernelRegularizer(r))
                .add(new MaxPooling2D(2))
                .add(new Conv2D(64, 3).padding("same").activation("relu").kernelRegularizer(r))
                .add(new MaxPooling2D(2))
                .add(new Flatten())
                .add(new Dense(512, "relu").kernelRegularizer(r))
                .add(new Dense(classes, "softmax").kernelRegularizer(r));
    }

    /**
     * A deeper CNN with BatchNormalization and Dropout (141,994 parameters at 32x32x3, 10 classes,
     * 640 of them BN moving statistics): two blocks of (Conv2D same, BN, ReLU) x 2 + MaxPooling2D +
     * Dropout 0.25 with 32 then 64 filters, Conv2D 128 + BN + ReLU, GlobalAveragePooling2D,
     * Dropout 0.5, Dense classes softmax. The same network as the PyTorch speed anchor's "bn" model.
     */
    public static Sequential batchNormDropout(int height, int width, int channels, int classes) {
        return batchNormDropout(height, width, channels, classes, null);
    }

    private static Sequential batchNormDropout(int height, int width, int channels, int classes, Regularizer r) {
        Sequential m = new Sequential(r == null ? "bn_dropout_cnn" : "bn_dropout_cnn_l2").input(height, width, channels);
        int[][] blocks = {{32, 32}, {64, 64}};
        for (int[] block : blocks) {
            for (int filters : block) {
                convBnRelu(m, filters, r);
            }
            m.add(new MaxPooling2D(2)).add(new Dropout(0.25));
        }
        convBnRelu(m, 128, r);
        return m.add(new GlobalAveragePooling2D()).add(new Dropout(0.5)).add(new Dense(classes, "softmax").kernelRegularizer(r));
    }

    private static void convBnRelu(Sequential m, int filters, Regularizer r) {
        m.add(new Conv2D(filters, 3).padding("same").kernelRegularizer(r)).add(new BatchNormalization()).add(new ReLU());
    }
}
