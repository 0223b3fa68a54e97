package org.conv4j.layers;

import java.util.Map;

/**
 * Keras's DepthwiseConv2D: each input channel c is convolved with its own depthMultiplier filters,
 * giving output channels c*M .. c*M + M - 1. Kernel (C*M, 1, KH, KW) (Keras stores
 * (KH, KW, C, M)), bias (C*M). Forward and backward are in {@link ConvolutionLayer}.
 */
public class DepthwiseConv2D extends ConvolutionLayer<DepthwiseConv2D> {
    private final int depthMultiplier;

    public DepthwiseConv2D(int kernelSize) {
        this(kernelSize, kernelSize, 1);
    }

    public DepthwiseConv2D(int kernelH, int kernelW, int depthMultiplier) {
        super(kernelH, kernelW);
        if (depthMultiplier < 1) {
            throw new IllegalArgumentException("DepthwiseConv2D needs depth_multiplier >= 1, got " + depthMultiplier);
        }
        this.depthMultiplier = depthMultiplier;
    }

    @Override
    protected int outChannels(int inChannels) {
        return inChannels * depthMultiplier;
    }

    @Override
    protected int groups(int inChannels) {
        return inChannels;
    }

    @Override
    protected String kernelName() {
        return "depthwise_kernel";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("depth_multiplier", depthMultiplier);
        return c;
    }
}
