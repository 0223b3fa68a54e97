package org.conv4j.layers;

import java.util.Map;

/** Keras's Activation layer: applies a named activation ("relu", "softmax", "sigmoid", "swish", ...). */
public class Activation extends ElementwiseActivation {
    private final ActivationFunction function;

    public Activation(String name) {
        this.function = ActivationFunction.of(name);
    }

    @Override
    protected ActivationFunction function() {
        return function;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("activation", function.name());
        return c;
    }
}
