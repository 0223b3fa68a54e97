package org.conv4j.layers.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's History: per epoch, every value of the epoch's logs (loss, accuracy, val_loss,
 * val_accuracy, ...) plus "lr" (the learning rate the epoch trained with), "seconds" (the whole
 * epoch) and "train_seconds" (the training steps alone, without validation).
 */
public final class History {
    private final Map<String, List<Double>> series = new LinkedHashMap<>();
    private int epochs;

    /** Appends one epoch's logs, as fit does after every epoch; a series that starts late begins with nulls. */
    public void record(Map<String, Double> logs) {
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            List<Double> s = series.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            while (s.size() < epochs) {
                s.add(null);
            }
            s.add(e.getValue());
        }
        epochs++;
    }

    /** Number of epochs run. */
    public int epochs() {
        return epochs;
    }

    /** Series by name, in the order they first appeared. */
    public Map<String, List<Double>> series() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            out.put(e.getKey(), Collections.unmodifiableList(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    public List<Double> get(String name) {
        List<Double> s = series.get(name);
        if (s == null) {
            throw new IllegalArgumentException("history has no '" + name + "'; it has " + series.keySet());
        }
        return Collections.unmodifiableList(s);
    }

    public boolean has(String name) {
        return series.containsKey(name);
    }
}
