package org.conv4j.layers;

import java.util.Locale;
import org.conv4j.engine.Activation;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * An activation by Keras's name ("relu", "relu6", "sigmoid", "tanh", "swish"/"silu", "softmax",
 * "hard_sigmoid" and "hard_swish"/"hard_silu" as Keras 3 and MobileNetV3 define them, relu6(x + 3)
 * / 6 and x times that (Keras 2's hard_sigmoid was clip(0.2x + 0.5, 0, 1)), "linear"/null),
 * applied to a whole tensor. Softmax acts on the last Keras axis, which is the
 * feature axis of an (N, F) tensor.
 */
public final class ActivationFunction {
    private final String name;
    private final Activation elementwise;
    private final double maxValue;

    private ActivationFunction(String name, Activation elementwise, double maxValue) {
        this.name = name;
        this.elementwise = elementwise;
        this.maxValue = maxValue;
    }

    public static ActivationFunction of(String name) {
        String n = name == null ? "linear" : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "linear":
                return new ActivationFunction(n, Activation.LINEAR, Double.POSITIVE_INFINITY);
            case "relu":
                return new ActivationFunction(n, Activation.RELU, Double.POSITIVE_INFINITY);
            case "relu6":
                return new ActivationFunction(n, Activation.RELU, 6);
            case "sigmoid":
                return new ActivationFunction(n, Activation.SIGMOID, Double.POSITIVE_INFINITY);
            case "tanh":
                return new ActivationFunction(n, Activation.TANH, Double.POSITIVE_INFINITY);
            case "swish":
            case "silu":
                return new ActivationFunction("swish", Activation.SWISH, Double.POSITIVE_INFINITY);
            case "hard_sigmoid":
                return new ActivationFunction(n, Activation.HARD_SIGMOID, Double.POSITIVE_INFINITY);
            case "hard_swish":
            case "hard_silu":
                return new ActivationFunction("hard_swish", Activation.HARD_SWISH, Double.POSITIVE_INFINITY);
            case "softmax":
                return new ActivationFunction(n, null, Double.POSITIVE_INFINITY);
            default:
                throw new IllegalArgumentException("unknown activation '" + name
                        + "': expected linear, relu, relu6, sigmoid, tanh, swish (silu), hard_sigmoid, hard_swish (hard_silu)"
                        + " or softmax");
        }
    }

    /** ReLU capped at {@code maxValue} (Keras's ReLU layer). */
    static ActivationFunction relu(double maxValue) {
        return new ActivationFunction("relu", Activation.RELU, maxValue);
    }

    public String name() {
        return name;
    }

    public boolean isLinear() {
        return elementwise == Activation.LINEAR;
    }

    /** The elementwise activation (null for softmax). */
    Activation elementwise() {
        return elementwise;
    }

    /** RELU's cap (infinite when uncapped or for another activation). */
    double maxValue() {
        return maxValue;
    }

    public boolean isSoftmax() {
        return elementwise == null;
    }

    /**
     * True when f'(z) can be read off y = f(z) alone: ReLU (capped or not) is 1 exactly where
     * 0 < y < cap, as where 0 < z < cap. Such an activation may overwrite z with y.
     */
    boolean derivativeFromOutput() {
        return elementwise == Activation.RELU;
    }

    public boolean isSigmoid() {
        return elementwise == Activation.SIGMOID;
    }

    /** Checks that the activation can act on per-sample shape {@code shape} (softmax needs vectors). */
    void checkShape(String layerName, int[] shape) {
        if (isSoftmax() && shape.length != 1) {
            throw new IllegalArgumentException("layer " + layerName + ": softmax over an output of shape "
                    + Layer.kerasShape(shape) + " is not supported; flatten or pool to a vector first");
        }
    }

    /** y = f(z); writes y. */
    void forward(Backend b, Tensor z, Tensor y) {
        if (isSoftmax()) {
            b.softmaxForward(z, y);
        } else {
            b.activationForward(elementwise, maxValue, z, y);
        }
    }

    /** dz = dy * f'(z), given z and y = f(z); writes dz. */
    void backward(Backend b, Tensor z, Tensor y, Tensor dy, Tensor dz) {
        if (isSoftmax()) {
            b.softmaxBackward(y, dy, dz);
        } else {
            b.activationBackward(elementwise, maxValue, z, y, dy, dz);
        }
    }
}
