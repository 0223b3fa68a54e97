package org.conv4j.engine;

/**
 * Geometry of a 2-D pooling window with four-sided padding. Padded positions never win a max
 * pool and are not counted by an average pool (Keras/TensorFlow semantics).
 */
public record PoolSpec(int poolH, int poolW, int strideH, int strideW,
                       int padTop, int padBottom, int padLeft, int padRight) {

    public PoolSpec {
        if (poolH < 1 || poolW < 1 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("pool size and strides must be >= 1: " + this);
        }
    }

    public static PoolSpec valid(int poolH, int poolW, int strideH, int strideW) {
        return new PoolSpec(poolH, poolW, strideH, strideW, 0, 0, 0, 0);
    }

    /** TensorFlow's 'same' padding for an input of inH x inW (see {@link ConvSpec#samePadding}). */
    public static PoolSpec same(int inH, int inW, int poolH, int poolW, int strideH, int strideW) {
        int[] ph = ConvSpec.samePadding(inH, poolH, strideH, 1);
        int[] pw = ConvSpec.samePadding(inW, poolW, strideW, 1);
        return new PoolSpec(poolH, poolW, strideH, strideW, ph[0], ph[1], pw[0], pw[1]);
    }

    public int outH(int inH) {
        return ConvSpec.outSize(inH + padTop + padBottom, poolH, strideH, 1);
    }

    public int outW(int inW) {
        return ConvSpec.outSize(inW + padLeft + padRight, poolW, strideW, 1);
    }
}
