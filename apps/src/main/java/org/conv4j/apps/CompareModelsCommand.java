package org.conv4j.apps;

import java.util.ArrayList;
import java.util.List;
import org.conv4j.apps.practical.Candidate;
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
 * TA9's comparison: pretrained architectures, each frozen under the same GlobalAveragePooling2D +
 * Dense(10) head on CIFAR-10, ranked by test accuracy. A base whose weights are not to be had is
 * skipped with one line, and the run goes on.
 */
@Command(name = "compare-models", description = "Compare pretrained bases, each frozen under the same head on CIFAR-10, ranked by test accuracy.")
public final class CompareModelsCommand extends PracticalCommand {
    static final String DEFAULT_BASES = "resnet50,resnet101,resnet152,vgg16,vgg19,efficientnetb0,efficientnetb3,mobilenetv2,mobilenetv3large";

    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--bases", defaultValue = DEFAULT_BASES, split = ",", description = "the bases, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> bases;

    @Option(names = "--alpha", defaultValue = "1.0", description = "width of MobileNet / MobileNetV2 (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--size", defaultValue = "32", description = "input side: CIFAR-10 resized on the fly (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs at most per base (default: ${DEFAULT-VALUE})")
    int epochs;

    @Override
    Practical practical() {
        KerasWeightFiles files = new KerasWeightFiles(new DataLocator(options.dataDir));
        List<Candidate> candidates = new ArrayList<>();
        for (String name : bases) {
            Architecture a = Architecture.of(name.trim());
            Transfer p = Presets.comparison(a, alpha, size);
            Transfer t = new Transfer(a, p.alpha(), size, p.head(), 0, 0, optimizer.spec(p.optimizer()),
                    PracticalOptions.positive("--epochs", epochs), 0, p.fineTuneOptimizer(), p.fineTuneEpochs(), options.patience);
            candidates.add(t.candidate(t.defaultKey(), files));
        }
        return new Practical("compare-models", "Pretrained architectures compared on CIFAR-10",
                "Each base pretrained on ImageNet, frozen under the same GlobalAveragePooling2D + Dense(10, softmax) head, at "
                        + size + "x" + size + ".", candidates,
                List.of(Practical.allEntries("Ranking", candidates, "test_accuracy")), true);
    }

    /** The app main: the same options as {@code ./conv4j compare-models}. */
    public static void main(String[] args) {
        PracticalCommand.main("compare-models", args);
    }
}
