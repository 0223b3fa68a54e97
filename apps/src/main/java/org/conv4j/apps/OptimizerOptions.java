package org.conv4j.apps;

import org.conv4j.apps.practical.OptimizerSpec;
import picocli.CommandLine.Option;

/** --optimizer and --lr, wherever training happens: Keras's Adam, SGD or RMSprop with their other settings Keras's defaults. */
public final class OptimizerOptions {
    @Option(names = "--optimizer", description = "adam, sgd or rmsprop, with Keras's defaults otherwise (default: the practical's, adam)")
    String name;

    @Option(names = "--lr", description = "learning rate (default: the practical's, 0.001)")
    Double learningRate;

    /** The optimizer asked for, else {@code practical}'s; a bad name or rate is an error before any data is read. */
    OptimizerSpec spec(OptimizerSpec practical) {
        if (name == null && learningRate == null) {
            return practical;
        }
        return name == null ? practical.withLearningRate(learningRate)
                : OptimizerSpec.of(name, learningRate != null ? learningRate : practical.learningRate());
    }
}
