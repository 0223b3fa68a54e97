package org.conv4j.apps;

import java.util.List;
import org.conv4j.apps.practical.Candidate;
import org.conv4j.apps.practical.OptimizerSpec;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.Presets;
import org.conv4j.apps.practical.Recipes.Transfer;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.keras.KerasWeightFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Transfer learning with any zoo architecture as the frozen base: every setting an option, and the
 * course's named settings as presets ({@link Presets}) to start from.
 */
@Command(name = "transfer", description = "Any zoo model, pretrained on ImageNet, frozen under a new head on CIFAR-10; optionally fine-tuned.")
public final class TransferCommand extends PracticalCommand {
    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--base", description = "the pretrained base: mobilenet, mobilenetv2, mobilenetv3small, mobilenetv3large, vgg16, vgg19, "
            + "resnet50, resnet101, resnet152, efficientnetb0, efficientnetb3 (default: the preset's)")
    String base;

    @Option(names = "--preset", description = "start from a named practical: scratch-vs-transfer, experiment-b, experiment-c, experiment-d, "
            + "ut3-vgg16, ut3-resnet50, ut3-resnet50-finetuned")
    String preset;

    @Option(names = "--alpha", defaultValue = "1.0", description = "width of MobileNet / MobileNetV2 (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--size", description = "input side: CIFAR-10 resized on the fly (default: 32, or the preset's)")
    Integer size;

    @Option(names = "--head", description = "flatten or gap (GlobalAveragePooling2D), then Dense(10, softmax) (default: flatten, or the preset's)")
    String head;

    @Option(names = "--dense", description = "a Dense(N, relu) hidden layer in the head (default: none)")
    Integer dense;

    @Option(names = "--dropout", description = "a Dropout(R) before the classifier (default: none)")
    Double dropout;

    @Option(names = "--epochs", description = "epochs at most with the base frozen (default: 10)")
    Integer epochs;

    @Option(names = "--fine-tune", description = "then train the base's last N layers too (default: 0, no fine-tuning, or the preset's)")
    Integer fineTune;

    @Option(names = "--fine-tune-lr", description = "the fine-tuning phase's learning rate, same optimizer (default: 0.0001)")
    Double fineTuneLr;

    @Option(names = "--fine-tune-epochs", description = "the fine-tuning phase's epochs at most (default: 10)")
    Integer fineTuneEpochs;

    @Override
    Practical practical() {
        if (base == null && preset == null) {
            throw new IllegalArgumentException("give --base NAME (" + Architecture.names() + ") or --preset NAME ("
                    + String.join(", ", Presets.NAMES) + ")");
        }
        Transfer p = preset != null ? Presets.of(preset, alpha) : Presets.plain(Architecture.of(base), alpha);
        Architecture a = base != null ? Architecture.of(base) : p.architecture();
        OptimizerSpec chosen = optimizer.spec(p.optimizer());
        // the fine-tuning phase recompiles the same optimizer with its own, lower learning rate
        OptimizerSpec fineTuning = chosen.withLearningRate(fineTuneLr != null ? fineTuneLr : p.fineTuneOptimizer().learningRate());
        Transfer t = new Transfer(a, a.hasAlpha() ? alpha : 1.0, size != null ? size : p.size(), head != null ? head : p.head(),
                dense != null ? dense : p.dense(), dropout != null ? dropout : p.dropout(), chosen,
                epochs != null ? epochs : p.epochs(), fineTune != null ? fineTune : p.fineTuneLayers(), fineTuning,
                fineTuneEpochs != null ? fineTuneEpochs : p.fineTuneEpochs(), options.patience);
        Candidate c = t.candidate(t.defaultKey(), new KerasWeightFiles(new DataLocator(options.dataDir)));
        return new Practical("transfer", "Transfer learning on CIFAR-10: " + a.kerasName(),
                t.describe() + (preset != null ? " (preset " + preset + ")" : "") + ".", List.of(c),
                List.of(Practical.allEntries("Result", List.of(c), null)), false);
    }

    /** The app main: the same options as {@code ./conv4j transfer}. */
    public static void main(String[] args) {
        PracticalCommand.main("transfer", args);
    }
}
