package org.conv4j.engine;

/**
 * Elementwise activations. RELU takes an optional cap ({@code maxValue}; 6 gives ReLU6);
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
    SWISH
}
