package org.conv4j.layers.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The progress output of {@code fit}, laid out as Keras's {@code Progbar}.
 *
 * <p>Each epoch starts with {@code Epoch 3/10}. On a terminal ({@code interactive}) the current step
 * is redrawn in place, after a carriage return, as
 *
 * <pre>{@code  37/391 [==>...........................] - ETA: 1:02 - loss: 1.2345 - accuracy: 0.5512}</pre>
 *
 * at most ten times a second but always for the last step, and the epoch ends with the full bar,
 * the time taken and all the logs:
 *
 * <pre>{@code 391/391 [==============================] - 12s 31ms/step - loss: 1.2345 - val_loss: 1.3456}</pre>
 *
 * Elsewhere (a log file, a pipe) steps print nothing, and the epoch ends with one line, as Keras's
 * {@code verbose=2}:
 *
 * <pre>{@code 391/391 - 12s - 31ms/step - loss: 1.2345 - val_loss: 1.3456}</pre>
 *
 * Logs are printed in the map's iteration order, with 4 decimals, or as {@code 1.0000e-04} when
 * smaller than 0.001 in magnitude, as Keras does; the learning rate "lr" always in the exponent
 * form. Not thread-safe: {@code fit} calls it from one thread.
 */
public final class ProgressBar {
    /** Keras's bar width, in characters between the brackets. */
    private static final int BAR_WIDTH = 30;
    /** Redraws at most ten times a second: more only costs time on slow terminals. */
    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrintStream out;
    private final boolean interactive;
    private final int epochs;
    private final LongSupplier nanoTime;

    private int steps;
    private long epochStart;
    /** When step 1 ended; later estimates leave the first step out, as it is often slow (warm-up). */
    private long firstStepEnd;
    private boolean firstStepSeen;
    private long lastDraw;
    /** Length of the line drawn last, so that a shorter line can blank out its tail. */
    private int drawnWidth;

    public ProgressBar(PrintStream out, boolean interactive, int epochs) {
        this(out, interactive, epochs, System::nanoTime);
    }

    /** As the other constructor, reading time from {@code nanoTime} (tests script it). */
    public ProgressBar(PrintStream out, boolean interactive, int epochs, LongSupplier nanoTime) {
        this.out = out;
        this.interactive = interactive;
        this.epochs = epochs;
        this.nanoTime = nanoTime;
    }

    /**
     * Whether the process writes to a terminal that can redraw a line: there is a console and TERM
     * is not "dumb". The environment variable {@code CONV4J_PROGRESS=lines} forces the line mode.
     */
    public static boolean isInteractive() {
        return isInteractive(System.console() != null, System.getenv());
    }

    static boolean isInteractive(boolean hasConsole, Map<String, String> env) {
        return hasConsole && !"dumb".equals(env.get("TERM")) && !"lines".equals(env.get("CONV4J_PROGRESS"));
    }

    /** Starts epoch {@code epoch} (counted from 0) of {@code steps} steps. */
    public void epochBegin(int epoch, int steps) {
        begin("Epoch " + (epoch + 1) + "/" + epochs, steps);
    }

    /** Starts a bar of {@code steps} steps under the line {@code title} (an epoch, or a long step such as feature extraction). */
    public void begin(String title, int steps) {
        this.steps = steps;
        epochStart = nanoTime.getAsLong();
        firstStepSeen = false;
        lastDraw = epochStart - REDRAW_INTERVAL_NANOS;
        drawnWidth = 0;
        out.println(title);
        out.flush();
    }

    /** Reports that {@code stepsDone} steps of the epoch are done, with the running averages so far. */
    public void step(int stepsDone, Map<String, Double> runningLogs) {
        long now = nanoTime.getAsLong();
        double secondsPerStep = secondsPerStep(stepsDone, now);
        if (!interactive || (now - lastDraw < REDRAW_INTERVAL_NANOS && stepsDone < steps)) {
            return;
        }
        lastDraw = now;
        double eta = secondsPerStep * (steps - stepsDone);
        redraw(count(stepsDone) + " " + bar(stepsDone) + " - ETA: " + eta(eta) + logs(runningLogs), "");
    }

    /** Ends the epoch: {@code steps} steps took {@code seconds}; {@code logs} are the epoch's metrics. */
    public void epochEnd(Map<String, Double> logs, double seconds, int steps) {
        String time = String.format(Locale.ROOT, "%.0fs", seconds);
        String perStep = perStep(steps == 0 ? 0 : seconds / steps);
        if (interactive) {
            redraw(count(steps) + " " + bar(steps) + " - " + time + " " + perStep + logs(logs), "\n");
        } else {
            out.print(count(steps) + " - " + time + " - " + perStep + logs(logs) + "\n");
            out.flush();
        }
    }

    /**
     * Seconds per step so far: from the end of step 1 on once there is a later step, else the mean
     * since the epoch began (Keras's estimate).
     */
    private double secondsPerStep(int stepsDone, long now) {
        if (stepsDone <= 0) {
            return 0;
        }
        double perStep = firstStepSeen && stepsDone > 1
                ? (now - firstStepEnd) / NANOS_PER_SECOND / (stepsDone - 1)
                : (now - epochStart) / NANOS_PER_SECOND / stepsDone;
        if (stepsDone == 1) {
            firstStepSeen = true;
            firstStepEnd = now;
        }
        return perStep;
    }

    /** Overwrites the current line with {@code line}, blanking what a longer earlier line left. */
    private void redraw(String line, String end) {
        String blank = " ".repeat(Math.max(0, drawnWidth - line.length()));
        out.print("\r" + line + blank + end);
        out.flush();
        drawnWidth = line.length();
    }

    /** {@code done/steps}, the first number right-aligned to the width of the second. */
    private String count(int done) {
        String total = Integer.toString(steps);
        String current = Integer.toString(done);
        return " ".repeat(Math.max(0, total.length() - current.length())) + current + "/" + total;
    }

    /** {@code [====>.....]}: one character per 1/30 of the epoch done, the last a '>' until done. */
    private String bar(int done) {
        int filled = steps == 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, (int) ((long) BAR_WIDTH * done / steps));
        StringBuilder bar = new StringBuilder("[");
        if (filled > 0) {
            bar.append("=".repeat(filled - 1)).append(done < steps ? '>' : '=');
        }
        return bar.append(".".repeat(BAR_WIDTH - filled)).append(']').toString();
    }

    /** {@code 42s} under a minute (and at 60 s), {@code 1:02} under an hour, else {@code 1:02:03}. */
    static String eta(double seconds) {
        long s = (long) seconds;
        if (seconds > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
        }
        if (seconds > 60) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return s + "s";
    }

    /** {@code 2s/step} from a second up (or when 0), {@code 31ms/step} from a millisecond up, else us. */
    private static String perStep(double seconds) {
        if (seconds >= 1 || seconds == 0) {
            return String.format(Locale.ROOT, "%.0fs/step", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.0fms/step", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.0fus/step", seconds * 1e6);
    }

    private static String logs(Map<String, Double> logs) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> entry : logs.entrySet()) {
            double value = entry.getValue();
            boolean exponent = entry.getKey().equals("lr") || Math.abs(value) <= 1e-3;
            text.append(" - ").append(entry.getKey()).append(": ")
                    .append(String.format(Locale.ROOT, exponent ? "%.4e" : "%.4f", value));
        }
        return text.toString();
    }
}
