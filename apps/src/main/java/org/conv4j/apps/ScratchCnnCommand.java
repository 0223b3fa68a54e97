package org.conv4j.apps;

import java.util.List;
import org.conv4j.apps.practical.Candidate;
import org.conv4j.apps.practical.OptimizerSpec;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.Recipes;
import org.conv4j.zoo.models.SimpleCnn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The practical "a CNN from scratch on CIFAR-10", as the course runs it: pixels scaled to [0, 1],
 * one-hot labels, Adam 1e-3, batch 128, 10 epochs, EarlyStopping on val_accuracy (patience 3,
 * best weights restored), the test set as validation data.
 */
@Command(name = "scratch-cnn", description = "Train the course's simple CNN from scratch on CIFAR-10 and report on it.")
public final class ScratchCnnCommand extends PracticalCommand {
    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs at most (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--model", defaultValue = "simple-cnn",
            description = "simple-cnn (the course's CNN) or bn-dropout-cnn (default: ${DEFAULT-VALUE})")
    String modelName;

    @Override
    Practical practical() {
        if (!SimpleCnn.isName(modelName)) {
            throw new IllegalArgumentException("unknown --model '" + modelName + "': expected simple-cnn or bn-dropout-cnn");
        }
        Candidate cnn = Recipes.scratch(modelName.replace('-', '_'), modelName, 0, optimizer.spec(OptimizerSpec.adam(1e-3)),
                PracticalOptions.positive("--epochs", epochs), options.patience);
        return new Practical("scratch-cnn", "A CNN from scratch on CIFAR-10",
                "The course's " + modelName + " trained from random weights on pixels in [0, 1].", List.of(cnn),
                List.of(Practical.allEntries("Result", List.of(cnn), null)), false);
    }

    /** The app main: the same options as {@code ./conv4j scratch-cnn}. */
    public static void main(String[] args) {
        PracticalCommand.main("scratch-cnn", args);
    }
}
