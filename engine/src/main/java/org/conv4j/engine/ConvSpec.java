package org.conv4j.engine;

/**
 * Geometry of a 2-D convolution: strides, dilations, four-sided zero padding and groups.
 * {@code groups == 1} is an ordinary convolution; {@code groups == inChannels} is a depthwise
 * convolution (each input channel has {@code outChannels / groups} filters of its own).
 */
public record ConvSpec(int strideH, int strideW, int dilationH, int dilationW,
                       int padTop, int padBottom, int padLeft, int padRight, int groups) {

    public ConvSpec {
        if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || groups < 1) {
            throw new IllegalArgumentException("strides, dilations and groups must be >= 1: " + this);
        }
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("padding must be >= 0: " + this);
        }
    }

    /** Keras's padding='valid': no padding. */
    public static ConvSpec valid(int strideH, int strideW, int dilationH, int dilationW, int groups) {
        return new ConvSpec(strideH, strideW, dilationH, dilationW, 0, 0, 0, 0, groups);
    }

    /**
     * Keras's (TensorFlow's) padding='same' for an input of inH x inW: the output has
     * ceil(in / stride) rows and columns; total = max(0, (out - 1) * stride + effectiveKernel - in),
     * top/left get total / 2 and bottom/right the rest, so the odd pixel goes at the bottom/right.
     */
    public static ConvSpec same(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW,
                                int dilationH, int dilationW, int groups) {
        int[] ph = samePadding(inH, kernelH, strideH, dilationH);
        int[] pw = samePadding(inW, kernelW, strideW, dilationW);
        return new ConvSpec(strideH, strideW, dilationH, dilationW, ph[0], ph[1], pw[0], pw[1], groups);
    }

    /** TensorFlow's 'same' padding along one axis: {before, after}. */
    public static int[] samePadding(int in, int kernel, int stride, int dilation) {
        int effective = (kernel - 1) * dilation + 1;
        int out = (in + stride - 1) / stride;
        int total = Math.max(0, (out - 1) * stride + effective - in);
        return new int[] {total / 2, total - total / 2};
    }

    public int outH(int inH, int kernelH) {
        return outSize(inH + padTop + padBottom, kernelH, strideH, dilationH);
    }

    public int outW(int inW, int kernelW) {
        return outSize(inW + padLeft + padRight, kernelW, strideW, dilationW);
    }

    static int outSize(int paddedIn, int kernel, int stride, int dilation) {
        int effective = (kernel - 1) * dilation + 1;
        return paddedIn < effective ? 0 : (paddedIn - effective) / stride + 1;
    }
}
