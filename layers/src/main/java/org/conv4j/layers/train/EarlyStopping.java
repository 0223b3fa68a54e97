package org.conv4j.layers.train;

import java.util.List;
import java.util.Map;

/**
 * Stops training when the monitored quantity stops improving, as Keras 3's {@code
 * keras.callbacks.EarlyStopping} (keras/src/callbacks/early_stopping.py). At the end of each epoch
 * from {@code startFromEpoch} on, with the monitor present in the logs:
 *
 * <ol>
 *   <li>with {@code restoreBestWeights}, the first monitored epoch's weights become the best ones;
 *   <li>{@code wait} is incremented;
 *   <li>if the value improves on the best so far (see {@link Monitor}; the first monitored value
 *       always does), it becomes the best, its epoch the best epoch and, with {@code
 *       restoreBestWeights}, its weights the best weights; {@code wait} is reset to 0 only if there
 *       is no {@code baseline} or the value also improves on the baseline;
 *   <li>otherwise, if {@code wait >= patience} and {@code epoch > 0}, training stops after this
 *       epoch.
 * </ol>
 *
 * <p>At train end, with {@code restoreBestWeights}, the best weights are put back whenever some
 * epoch was monitored, <em>whether or not training stopped early</em>: Keras 3's {@code
 * on_train_end} tests only {@code restore_best_weights and best_weights is not None}. A missing
 * monitor prints a warning and the epoch is skipped.
 */
public final class EarlyStopping implements Callback {
    private final Monitor monitor;
    private final int patience;
    private final Double baseline;
    private final boolean restoreBestWeights;
    private final int startFromEpoch;
    private final boolean verbose;

    private int wait;
    private int stoppedEpoch;
    private Double best;
    private int bestEpoch;
    private List<float[]> bestWeights;

    private EarlyStopping(Builder b) {
        this.monitor = new Monitor(b.monitor, b.mode, b.minDelta);
        this.patience = b.patience;
        this.baseline = b.baseline;
        this.restoreBestWeights = b.restoreBestWeights;
        this.startFromEpoch = b.startFromEpoch;
        this.verbose = b.verbose;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onTrainBegin(TrainingControl training) {
        wait = 0;
        stoppedEpoch = 0;
        best = null;
        bestEpoch = 0;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(TrainingControl training, int epoch, Map<String, Double> logs) {
        Double current = monitor.read(logs, training.out(), "Early stopping");
        if (current == null || epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = training.getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (monitor.isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = training.getWeights();
            }
            if (baseline == null || monitor.isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            training.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(TrainingControl training) {
        if (stoppedEpoch > 0 && verbose) {
            training.out().println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose) {
                training.out()
                        .println(
                                "Restoring model weights from the end of the best epoch: "
                                        + (bestEpoch + 1)
                                        + ".");
            }
            training.setWeights(bestWeights);
        }
    }

    /** The 0-based epoch at which this callback stopped training, 0 if it did not (as Keras). */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The 0-based epoch of the best monitored value (0 before any). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far, {@code null} before any. */
    public Double best() {
        return best;
    }

    /** Keras's arguments and defaults. */
    public static final class Builder {
        private String monitor = "val_loss";
        private double minDelta = 0;
        private int patience = 0;
        private MonitorMode mode = MonitorMode.AUTO;
        private Double baseline;
        private boolean restoreBestWeights = false;
        private int startFromEpoch = 0;
        private boolean verbose = false;

        private Builder() {}

        public Builder monitor(String monitor) {
            this.monitor = monitor;
            return this;
        }

        public Builder minDelta(double minDelta) {
            this.minDelta = minDelta;
            return this;
        }

        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        public Builder mode(MonitorMode mode) {
            this.mode = mode;
            return this;
        }

        /** {@code null} for none. */
        public Builder baseline(Double baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder restoreBestWeights(boolean restoreBestWeights) {
            this.restoreBestWeights = restoreBestWeights;
            return this;
        }

        public Builder startFromEpoch(int startFromEpoch) {
            this.startFromEpoch = startFromEpoch;
            return this;
        }

        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        public EarlyStopping build() {
            return new EarlyStopping(this);
        }
    }
}
