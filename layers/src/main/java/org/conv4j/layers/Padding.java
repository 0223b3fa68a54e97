package org.conv4j.layers;

import java.util.Locale;

/** Keras's padding modes for convolutions and pooling; 'same' is TensorFlow's (odd pixel at the bottom/right). */
public enum Padding {
    VALID,
    SAME;

    public static Padding of(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "valid":
                return VALID;
            case "same":
                return SAME;
            default:
                throw new IllegalArgumentException("unknown padding '" + name + "': expected 'valid' or 'same'");
        }
    }

    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
