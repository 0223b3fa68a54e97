package org.conv4j.apps;

import java.util.List;
import org.conv4j.apps.practical.Candidate;
import org.conv4j.apps.practical.OptimizerSpec;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.Presets;
import org.conv4j.apps.practical.Recipes;
import org.conv4j.apps.practical.Recipes.Transfer;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.KerasWeightFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main practical: the simple CNN from scratch against MobileNetV2 (ImageNet weights, no top,
 * 32x32) frozen under Flatten + Dense(10), then its last layers fine-tuned with a lower learning
 * rate from the frozen phase's weights; all three compared.
 */
@Command(name = "scratch-vs-transfer", description = "The simple CNN from scratch against MobileNetV2 frozen, then fine-tuned, on CIFAR-10.")
public final class ScratchVsTransferCommand extends PracticalCommand {
    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--alpha", defaultValue = "1.0", description = "MobileNetV2's width: 0.35, 0.5, 0.75, 1.0, 1.3 or 1.4 (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs at most of the CNN and of the frozen phase (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--unfreeze", defaultValue = "10", description = "layers of the base (from its end) that phase 2 trains (default: ${DEFAULT-VALUE})")
    int unfreeze;

    @Option(names = "--fine-tune-lr", defaultValue = "0.0001", description = "phase 2's learning rate (default: ${DEFAULT-VALUE})")
    double fineTuneLr;

    @Option(names = "--fine-tune-epochs", defaultValue = "10", description = "phase 2's epochs at most (default: ${DEFAULT-VALUE})")
    int fineTuneEpochs;

    @Override
    Practical practical() {
        OptimizerSpec opt = optimizer.spec(OptimizerSpec.adam(1e-3));
        PracticalOptions.positive("--unfreeze", unfreeze);
        Transfer preset = Presets.of("scratch-vs-transfer", alpha);
        Transfer t = new Transfer(preset.architecture(), alpha, preset.size(), preset.head(), 0, 0, opt,
                PracticalOptions.positive("--epochs", epochs), unfreeze, opt.withLearningRate(fineTuneLr),
                PracticalOptions.positive("--fine-tune-epochs", fineTuneEpochs), options.patience);
        Candidate cnn = Recipes.scratch("simple_cnn", "simple-cnn", 0, opt, epochs, options.patience);
        Candidate mobilenet = t.candidate("mobilenetv2", new KerasWeightFiles(new DataLocator(options.dataDir)));
        List<Candidate> all = List.of(cnn, mobilenet);
        return new Practical("scratch-vs-transfer", "A CNN from scratch against transfer learning on CIFAR-10",
                "The simple CNN trained from random weights; MobileNetV2 (alpha " + alpha + ") pretrained on ImageNet, frozen "
                        + "under a new head; then its last " + unfreeze + " layers fine-tuned with " + opt.withLearningRate(fineTuneLr).describe() + ".", all, List.of(Practical.allEntries("Comparison", all, null)), false);
    }

    /** The app main: the same options as {@code ./conv4j scratch-vs-transfer}. */
    public static void main(String[] args) {
        PracticalCommand.main("scratch-vs-transfer", args);
    }
}
