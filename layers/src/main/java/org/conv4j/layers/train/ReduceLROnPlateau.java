package org.conv4j.layers.train;

import java.util.Map;

/**
 * Reduces the learning rate when the monitored quantity stops improving, as Keras 3's {@code
 * keras.callbacks.ReduceLROnPlateau} (keras/src/callbacks/reduce_lr_on_plateau.py). A {@code factor
 * >= 1} is rejected. At the end of each epoch the current learning rate is added to the logs as
 * {@code "learning_rate"} (so the logs map must be mutable), then, with the monitor present:
 *
 * <ol>
 *   <li>in cooldown ({@code cooldownCounter > 0}): {@code cooldownCounter--} and {@code wait = 0};
 *   <li>if the value improves on the best (see {@link Monitor}; the first value always does), it
 *       becomes the best and {@code wait = 0};
 *   <li>otherwise, if no longer in cooldown (tested after the decrement above), {@code wait++}, and
 *       when {@code wait >= patience} and {@code old_lr > float32(min_lr)}, the learning rate
 *       becomes {@code max(old_lr * factor, min_lr)}, {@code cooldownCounter = cooldown} and {@code
 *       wait = 0}. At {@code min_lr} already, nothing changes and {@code wait} keeps growing. Both
 *       sides of {@code old_lr > min_lr} are compared as float32: Keras's learning rate is a
 *       float32 variable and it compares with {@code np.float32(min_lr)}.
 * </ol>
 *
 * Training start resets the best value and both counters. A missing monitor prints a warning and the
 * epoch is skipped.
 */
public final class ReduceLROnPlateau implements Callback {
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minLr;
    private final boolean verbose;

    private Double best;
    private int wait;
    private int cooldownCounter;

    private ReduceLROnPlateau(Builder b) {
        if (b.factor >= 1.0) {
            throw new IllegalArgumentException(
                    "ReduceLROnPlateau does not support a factor >= 1.0. Received factor="
                            + b.factor);
        }
        this.monitor = new Monitor(b.monitor, b.mode, b.minDelta);
        this.factor = b.factor;
        this.patience = b.patience;
        this.cooldown = b.cooldown;
        this.minLr = b.minLr;
        this.verbose = b.verbose;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onTrainBegin(TrainingControl training) {
        best = null;
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(TrainingControl training, int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", training.learningRate());
        Double current = monitor.read(logs, training.out(), "Learning rate reduction");
        if (current == null) {
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.isImprovement(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience && reduce(training, epoch)) {
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    private boolean reduce(TrainingControl training, int epoch) {
        double oldLr = training.learningRate();
        if (!((float) oldLr > (float) minLr)) {
            return false;
        }
        double newLr = Math.max(oldLr * factor, minLr);
        training.setLearningRate(newLr);
        if (verbose) {
            training.out()
                    .println(
                            "\nEpoch "
                                    + (epoch + 1)
                                    + ": ReduceLROnPlateau reducing learning rate to "
                                    + PythonFormat.repr(newLr)
                                    + ".");
        }
        return true;
    }

    /** Keras's arguments and defaults. */
    public static final class Builder {
        private String monitor = "val_loss";
        private double factor = 0.1;
        private int patience = 10;
        private MonitorMode mode = MonitorMode.AUTO;
        private double minDelta = 1e-4;
        private int cooldown = 0;
        private double minLr = 0.0;
        private boolean verbose = false;

        private Builder() {}

        public Builder monitor(String monitor) {
            this.monitor = monitor;
            return this;
        }

        /** {@code new_lr = lr * factor}; must be below 1. */
        public Builder factor(double factor) {
            this.factor = factor;
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

        public Builder minDelta(double minDelta) {
            this.minDelta = minDelta;
            return this;
        }

        public Builder cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        public Builder minLr(double minLr) {
            this.minLr = minLr;
            return this;
        }

        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        /**
         * @throws IllegalArgumentException if {@code factor >= 1}
         */
        public ReduceLROnPlateau build() {
            return new ReduceLROnPlateau(this);
        }
    }
}
