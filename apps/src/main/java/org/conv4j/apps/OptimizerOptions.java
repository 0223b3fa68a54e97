package org.conv4j.apps;

import java.util.Locale;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.optimizers.Optimizer;
import org.conv4j.layers.optimizers.RMSprop;
import org.conv4j.layers.optimizers.SGD;
import picocli.CommandLine.Option;

/** --optimizer and --lr, wherever training happens: Keras's Adam, SGD or RMSprop with their default settings. */
public final class OptimizerOptions {
    @Option(names = "--optimizer", defaultValue = "adam", description = "adam, sgd or rmsprop, with Keras's defaults (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    /** The optimizer asked for; a bad name or rate is an error before any data is read. */
    Optimizer optimizer() {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + learningRate);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "adam" -> new Adam(learningRate);
            case "sgd" -> new SGD(learningRate, 0, false);
            case "rmsprop" -> new RMSprop(learningRate);
            default -> throw new IllegalArgumentException("unknown --optimizer '" + name + "': expected adam, sgd or rmsprop");
        };
    }
}
