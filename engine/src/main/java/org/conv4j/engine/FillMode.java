package org.conv4j.engine;

import java.util.Locale;

/**
 * How an image transform reads outside the input, as Keras's fill_mode (TensorFlow's
 * ImageProjectiveTransformV3): REFLECT (d c b a | a b c d | d c b a), WRAP (a b c d | a b c d |
 * a b c d), CONSTANT (the fill value), NEAREST (a a a a | a b c d | d d d d).
 */
public enum FillMode {
    REFLECT,
    WRAP,
    CONSTANT,
    NEAREST;

    public static FillMode of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fill_mode '" + name + "': expected reflect, wrap, constant or nearest");
        }
    }
}
