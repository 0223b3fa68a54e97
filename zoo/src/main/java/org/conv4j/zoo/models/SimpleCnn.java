package org.conv4j.zoo.models;

import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.ReLU;
import org.conv4j.layers.Sequential;

/** The course's CNNs built from scratch, for 32x32x3 inputs (CIFAR-10) unless told otherwise. */
public final class SimpleCnn {
    private SimpleCnn() {}

    /**
     * The course's simple CNN (2,122,186 parameters at 32x32x3, 10 classes):
     * Conv2D 32 3x3 same relu, MaxPooling2D 2, Conv2D 64 3x3 same relu, MaxPooling2D 2, Flatten,
     * Dense 512 relu, Dense classes softmax.
     */
    public static Sequential simple(int height, int width, int channels, int classes) {
        return new Sequential("simple_cnn").input(height, width, channels)
                .add(new Conv2D(32, 3).padding("same").activation("relu"))
                .add(new MaxPooling2D(2))
                .add(new Conv2D(64, 3).padding("same").activation("relu"))
                .add(new MaxPooling2D(2))
                .add(new Flatten())
                .add(new Dense(512, "relu"))
                .add(new Dense(classes, "softmax"));
    }

    /**
     * A deeper CNN with BatchNormalization and Dropout (141,994 parameters at 32x32x3, 10 classes,
     * 640 of them BN moving statistics): two blocks of (Conv2D same, BN, ReLU) x 2 + MaxPooling2D +
     * Dropout 0.25 with 32 then 64 filters, Conv2D 128 + BN + ReLU, GlobalAveragePooling2D,
     * Dropout 0.5, Dense classes softmax. The same network as the PyTorch speed anchor's "bn" model.
     */
    public static Sequential batchNormDropout(int height, int width, int channels, int classes) {
        Sequential m = new Sequential("bn_dropout_cnn").input(height, width, channels);
        int[][] blocks = {{32, 32}, {64, 64}};
        for (int[] block : blocks) {
            for (int filters : block) {
                convBnRelu(m, filters);
            }
            m.add(new MaxPooling2D(2)).add(new Dropout(0.25));
        }
        convBnRelu(m, 128);
        return m.add(new GlobalAveragePooling2D()).add(new Dropout(0.5)).add(new Dense(classes, "softmax"));
    }

    private static void convBnRelu(Sequential m, int filters) {
        m.add(new Conv2D(filters, 3).padding("same")).add(new BatchNormalization()).add(new ReLU());
    }
}
