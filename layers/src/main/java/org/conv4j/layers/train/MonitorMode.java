package org.conv4j.layers.train;

import java.util.Locale;

/**
 * Keras's {@code mode} argument of the monitoring callbacks: {@code MIN} when the monitored quantity
 * should decrease, {@code MAX} when it should increase, {@code AUTO} to infer the direction from the
 * monitor's name (see {@link Monitor}).
 */
public enum MonitorMode {
    AUTO,
    MIN,
    MAX;

    /** Parses Keras's spelling ("auto", "min", "max", any case). */
    public static MonitorMode parse(String mode) {
        for (MonitorMode m : values()) {
            if (m.name().equals(mode.toUpperCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "Unknown mode '" + mode + "': expected one of 'auto', 'min', 'max'");
    }
}
