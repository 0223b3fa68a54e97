package org.conv4j.layers;

import java.util.Map;

/** Keras's ReLU layer: y = min(max(x, 0), maxValue); maxValue 6 is ReLU6 (MobileNetV2). */
public class ReLU extends ElementwiseActivation {
    private final double maxValue;
    private final ActivationFunction function;

    public ReLU() {
        this(Double.POSITIVE_INFINITY);
    }

    public ReLU(double maxValue) {
        if (!(maxValue > 0)) {
            throw new IllegalArgumentException("ReLU max_value must be > 0, got " + maxValue);
        }
        this.maxValue = maxValue;
        this.function = ActivationFunction.relu(maxValue);
    }

    public double maxValue() {
        return maxValue;
    }

    @Override
    protected ActivationFunction function() {
        return function;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("max_value", Double.isInfinite(maxValue) ? null : maxValue);
        return c;
    }
}
