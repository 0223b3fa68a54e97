package org.conv4j.apps.practical;

import java.util.Locale;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.optimizers.Optimizer;
import org.conv4j.layers.optimizers.RMSprop;
import org.conv4j.layers.optimizers.SGD;

/**
 * An optimizer as a practical names it: Keras's Adam, SGD (with momentum and Nesterov when asked)
 * or RMSprop, with Keras's other defaults. Each phase makes a fresh one, as a Keras notebook does
 * when it compiles again.
 */
public record OptimizerSpec(String name, double learningRate, double momentum, boolean nesterov) {
    public OptimizerSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (!name.equals("adam") && !name.equals("sgd") && !name.equals("rmsprop")) {
            throw new IllegalArgumentException("unknown --optimizer '" + name + "': expected adam, sgd or rmsprop");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate (--lr) must be a positive number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
    }

    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec("adam", learningRate, 0, false);
    }

    public static OptimizerSpec of(String name, double learningRate) {
        return new OptimizerSpec(name, learningRate, 0, false);
    }

    public OptimizerSpec withLearningRate(double lr) {
        return new OptimizerSpec(name, lr, momentum, nesterov);
    }

    public Optimizer create() {
        return switch (name) {
            case "adam" -> new Adam(learningRate);
            case "sgd" -> new SGD(learningRate, momentum, nesterov);
            default -> new RMSprop(learningRate);
        };
    }

    /** Keras's spelling: {@code Adam(learning_rate=0.001)}, {@code SGD(learning_rate=0.01, momentum=0.9, nesterov=True)}. */
    public String describe() {
        String cls = switch (name) {
            case "adam" -> "Adam";
            case "sgd" -> "SGD";
            default -> "RMSprop";
        };
        String extra = momentum > 0 ? ", momentum=" + number(momentum) : "";
        return cls + "(learning_rate=" + number(learningRate) + extra + (nesterov ? ", nesterov=True" : "") + ")";
    }

    private static String number(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
