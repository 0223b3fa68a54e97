package org.conv4j.engine;

/**
 * Elementwise activations. RELU takes an optional cap ({@code maxValue}; 6 gives ReLU6), which the others ignore;
 * softmax is not elementwise and has ops of its own.
 */
public enum Activation {
    /** y = x */
    LINEAR,
    /** y = min(max(x, 0), maxValue) */
    RELU,
    /** y = 1 / (1 + e^-x) */
    SIGMOID,
    /** y = tanh(x) */
    TANH,
    /** y = x * sigmoid(x) (Keras's swish / silu) */
    SWISH,
    /** y = relu6(x + 3) / 6 (MobileNetV3's and Keras 3's hard_sigmoid; not Keras 2's 0.2x + 0.5) */
    HARD_SIGMOID,
    /** y = x * relu6(x + 3) / 6 (MobileNetV3's hard_swish) */
    HARD_SWISH
}
