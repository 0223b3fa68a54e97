package org.conv4j.layers;

import java.util.Map;

/**
 * Keras's Conv2D: kernel (filters, C, KH, KW) (Keras stores (KH, KW, C, filters)), bias (filters).
 * Forward and backward are in {@link ConvolutionLayer}.
 */
public class Conv2D extends ConvolutionLayer<Conv2D> {
    private final int filters;

    public Conv2D(int filters, int kernelSize) {
        this(filters, kernelSize, kernelSize);
    }

    public Conv2D(int filters, int kernelH, int kernelW) {
        super(kernelH, kernelW);
        if (filters < 1) {
            throw new IllegalArgumentException("Conv2D needs filters >= 1, got " + filters);
        }
        this.filters = filters;
    }

    @Override
    protected int outChannels(int inChannels) {
        return filters;
    }

    @Override
    protected int groups(int inChannels) {
        return 1;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("filters", filters);
        return c;
    }
}
