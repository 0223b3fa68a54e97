package org.conv4j.layers;

import java.util.Random;

/**
 * How a weight starts (Keras's initializers). Fans follow Keras: for a kernel the receptive field
 * (product of the spatial dims) times the input or output channels.
 */
@FunctionalInterface
public interface Initializer {
    double[] initialize(int[] shape, Random rng);

    static Initializer constant(double value) {
        return (shape, rng) -> {
            double[] v = new double[count(shape)];
            java.util.Arrays.fill(v, value);
            return v;
        };
    }

    static Initializer zeros() {
        return constant(0);
    }

    static Initializer ones() {
        return constant(1);
    }

    /**
     * Glorot (Xavier) uniform: U(-limit, limit) with limit = sqrt(6 / (fanIn + fanOut)).
     * The fans are given explicitly because our layouts differ from Keras's.
     */
    static Initializer glorotUniform(int fanIn, int fanOut) {
        return (shape, rng) -> {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            double[] v = new double[count(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (rng.nextDouble() * 2 - 1) * limit;
            }
            return v;
        };
    }

    static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
