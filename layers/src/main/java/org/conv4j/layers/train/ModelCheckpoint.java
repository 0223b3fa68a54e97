package org.conv4j.layers.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves the model, or its weights, at the end of every epoch, as Keras 3's {@code
 * keras.callbacks.ModelCheckpoint} with {@code save_freq="epoch"}
 * (keras/src/callbacks/model_checkpoint.py).
 *
 * <p>The file name is {@code filepath.format(epoch=epoch + 1, **logs)}: {@code {epoch}} is 1-based
 * and any metric of the epoch's logs may be used, with Python format specs such as {@code
 * {epoch:02d}} or {@code {val_accuracy:.4f}} (see {@link PythonFormat}). The name is formatted
 * every epoch, before deciding whether to save, so a bad pattern fails at once.
 *
 * <p>Without {@code saveBestOnly} every epoch is saved. With it, an epoch is saved iff its monitored
 * value improves on the best so far (see {@link Monitor}, here with {@code min_delta = 0}), and then
 * becomes the best. The best starts at {@code initialValueThreshold} ({@code null}: the first value
 * always improves) and, as in Keras, is not reset when training starts again. If the monitor is
 * missing from the logs, Keras warns and saves anyway; so does this.
 *
 * <p>Missing parent directories are created; {@link TrainingControl#saveWeights} or {@link
 * TrainingControl#saveModel} write the file and replace an existing one.
 */
public final class ModelCheckpoint implements Callback {
    private final String filepath;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private final boolean saveWeightsOnly;
    private final boolean verbose;

    private Double best;

    private ModelCheckpoint(Builder b) {
        this.filepath = b.filepath;
        this.monitor = new Monitor(b.monitor, b.mode, 0);
        this.saveBestOnly = b.saveBestOnly;
        this.saveWeightsOnly = b.saveWeightsOnly;
        this.verbose = b.verbose;
        this.best = b.initialValueThreshold;
    }

    /** {@code filepath}: the file name pattern, e.g. {@code "ckpt/model-{epoch:02d}.keras"}. */
    public static Builder builder(String filepath) {
        return new Builder(filepath);
    }

    @Override
    public void onEpochEnd(TrainingControl training, int epoch, Map<String, Double> logs) {
        Path file = filePath(epoch, logs);
        if (!shouldSave(training, epoch, logs, file)) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (saveWeightsOnly) {
                training.saveWeights(file);
            } else {
                training.saveModel(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not save " + file, e);
        }
        if (verbose) {
            training.out().println("\nEpoch " + (epoch + 1) + ": finished saving model to " + file);
        }
    }

    /** The best monitored value saved so far ({@code initialValueThreshold} before any). */
    public Double best() {
        return best;
    }

    /** The file that epoch {@code epoch} (0-based) with these logs saves to. */
    Path filePath(int epoch, Map<String, Double> logs) {
        Map<String, Object> args = new LinkedHashMap<>(logs);
        args.put("epoch", epoch + 1);
        return Path.of(PythonFormat.format(filepath, args));
    }

    private boolean shouldSave(
            TrainingControl training, int epoch, Map<String, Double> logs, Path file) {
        if (!saveBestOnly) {
            if (verbose) {
                training.out().println("\nEpoch " + (epoch + 1) + ": saving model to " + file);
            }
            return true;
        }
        Double current =
                monitor.read(logs, training.out(), "Saving only the best model (saving anyway)");
        if (current == null) {
            return true;
        }
        String bestStr = best == null ? "None" : fiveDecimals(best);
        if (monitor.isImprovement(current, best)) {
            if (verbose) {
                training.out()
                        .println(
                                "\nEpoch "
                                        + (epoch + 1)
                                        + ": "
                                        + monitor.name()
                                        + " improved from "
                                        + bestStr
                                        + " to "
                                        + fiveDecimals(current)
                                        + ", saving model to "
                                        + file);
            }
            best = current;
            return true;
        }
        if (verbose) {
            training.out()
                    .println(
                            "\nEpoch "
                                    + (epoch + 1)
                                    + ": "
                                    + monitor.name()
                                    + " did not improve from "
                                    + bestStr);
        }
        return false;
    }

    private static String fiveDecimals(double v) {
        return PythonFormat.format("{v:.5f}", Map.of("v", v));
    }

    /** Keras's arguments and defaults ({@code save_freq} is always "epoch"). */
    public static final class Builder {
        private final String filepath;
        private String monitor = "val_loss";
        private MonitorMode mode = MonitorMode.AUTO;
        private boolean saveBestOnly = false;
        private boolean saveWeightsOnly = false;
        private Double initialValueThreshold;
        private boolean verbose = false;

        private Builder(String filepath) {
            this.filepath = filepath;
        }

        public Builder monitor(String monitor) {
            this.monitor = monitor;
            return this;
        }

        public Builder mode(MonitorMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder saveBestOnly(boolean saveBestOnly) {
            this.saveBestOnly = saveBestOnly;
            return this;
        }

        public Builder saveWeightsOnly(boolean saveWeightsOnly) {
            this.saveWeightsOnly = saveWeightsOnly;
            return this;
        }

        /** What the first saved epoch must improve on with {@code saveBestOnly}; {@code null}: none. */
        public Builder initialValueThreshold(Double initialValueThreshold) {
            this.initialValueThreshold = initialValueThreshold;
            return this;
        }

        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        public ModelCheckpoint build() {
            return new ModelCheckpoint(this);
        }
    }
}
