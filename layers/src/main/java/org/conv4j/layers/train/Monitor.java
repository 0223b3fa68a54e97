package org.conv4j.layers.train;

import java.io.PrintStream;
import java.util.Map;

/**
 * The monitored quantity of {@link EarlyStopping}, {@link ReduceLROnPlateau} and {@link
 * ModelCheckpoint}, as Keras's {@code MonitorCallback} (keras/src/callbacks/monitor_callback.py).
 *
 * <p>Direction: {@code MIN} compares with {@code <}, {@code MAX} with {@code >}; {@code AUTO} picks
 * {@code MAX} when the monitor's name contains "acc" or starts with "fmeasure" (tf.keras's name
 * rule), or, without its "val_" prefix, is precision, recall or auc (Keras 3 asks the compiled
 * metric for its direction, and these three go up), else {@code MIN}.
 *
 * <p>Improvement: Keras keeps {@code min_delta = abs(min_delta)}, negates it in min mode, and counts
 * {@code current} as an improvement over {@code reference} iff {@code monitor_op(current - min_delta,
 * reference)}: in min mode {@code current + |min_delta| < reference}, in max mode {@code current -
 * |min_delta| > reference}. The comparison is strict, so a change of exactly {@code min_delta} is no
 * improvement. Every value improves on a missing reference ({@code None} in Keras, {@code null}
 * here).
 */
final class Monitor {
    /** Metrics of Keras 3 whose direction is "up" and whose names contain no "acc". */
    private static final java.util.Set<String> RISING = java.util.Set.of("precision", "recall", "auc");
    private final String name;
    private final boolean maximize;
    private final double minDelta;

    Monitor(String name, MonitorMode mode, double minDelta) {
        this.name = name;
        this.maximize =
                switch (mode) {
                    case MIN -> false;
                    case MAX -> true;
                    case AUTO -> name.contains("acc") || name.startsWith("fmeasure") || RISING.contains(name.replaceFirst("^val_", ""));
                };
        this.minDelta = Math.abs(minDelta);
    }

    String name() {
        return name;
    }

    boolean isImprovement(double current, Double reference) {
        if (reference == null) {
            return true;
        }
        return maximize ? current - minDelta > reference : current + minDelta < reference;
    }

    /**
     * The monitored value in {@code logs}, or {@code null} after printing a warning to {@code out}
     * that names the monitor and the available metrics, when {@code logs} lacks it (Keras warns and
     * returns {@code None}).
     *
     * @param action what depends on the monitor, starting the warning, e.g. "Early stopping"
     */
    Double read(Map<String, Double> logs, PrintStream out, String action) {
        Double value = logs.get(name);
        if (value == null) {
            out.println(
                    "WARNING: "
                            + action
                            + " is conditioned on metric `"
                            + name
                            + "` which is not available. Available metrics are: "
                            + String.join(",", logs.keySet()));
        }
        return value;
    }
}
