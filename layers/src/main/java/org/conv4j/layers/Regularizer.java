package org.conv4j.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * Keras's L2 weight regularizer (keras.regularizers.L2, default factor 0.01): adds
 * {@code l2 * sum(w^2)} to the loss of every training step and evaluation, as Keras adds a
 * layer's regularization losses to the reported loss, and so {@code 2 * l2 * w} to the weight's
 * gradient. Keras counts it for trainable weights only, and so does conv4j.
 */
public record Regularizer(double l2) {
    public Regularizer {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("the L2 factor must be a finite number >= 0, got " + l2);
        }
    }

    /** Keras's L2(l2). */
    public static Regularizer l2(double factor) {
        return new Regularizer(factor);
    }

    /** l2 * sum(w^2), in float64. */
    public double penalty(Backend b, Tensor w) {
        try (Tensor squares = b.zeros(w.shape())) {
            b.multiply(w, w, squares);
            return l2 * b.sum(squares);
        }
    }

    /** grad += 2 * l2 * w (accumulates into the gradient the loss's backward wrote). */
    public void addGradient(Backend b, Tensor w, Tensor grad) {
        b.axpy(2 * l2, w, grad);
    }

    /** Keras's serialization: {"class_name": "L2", "config": {"l2": factor}}. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class_name", "L2");
        c.put("config", Map.of("l2", l2));
        return c;
    }

    /** From {@link #config()}'s map, or null for none. */
    @SuppressWarnings("unchecked")
    public static Regularizer fromConfig(Object config) {
        if (config == null) {
            return null;
        }
        Map<String, Object> c = (Map<String, Object>) config;
        if (!"L2".equals(c.get("class_name"))) {
            throw new IllegalArgumentException("unknown regularizer " + c.get("class_name") + ": conv4j has Keras's L2");
        }
        return l2(((Number) ((Map<String, Object>) c.get("config")).get("l2")).doubleValue());
    }
}
