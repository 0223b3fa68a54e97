package org.conv4j.apps;

import java.nio.file.Path;
import java.util.List;
import org.conv4j.apps.practical.Candidate;
import org.conv4j.apps.practical.FineTuning;
import org.conv4j.apps.practical.OptimizerSpec;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.PracticalData;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.keras.KerasWeightFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Práctica 9's domain data set: cats against dogs with MobileNetV2 (ImageNet weights) frozen at
 * 160x160 under GlobalAveragePooling2D and Dense(1, sigmoid), binary cross-entropy, accuracy and
 * AUC every epoch, the validation set's ROC curve and confusion matrix.
 */
@Command(name = "cats-vs-dogs", description = "Cats against dogs: MobileNetV2 frozen under a sigmoid output, accuracy, AUC and the ROC curve.")
public final class CatsVsDogsCommand extends PracticalCommand {
    /** The folder looked for in the data folders when --data is not given. */
    static final String DEFAULT_FOLDER = "cats_vs_dogs_small";

    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--data", description = "a folder with train/ and validation/, each with cats/ and dogs/ (default: " + DEFAULT_FOLDER
            + " in the data folders)")
    Path data;

    @Option(names = "--alpha", defaultValue = "1.0", description = "MobileNetV2's width (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--size", defaultValue = "160", description = "image side (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs at most (default: ${DEFAULT-VALUE})")
    int epochs;

    @Override
    Practical practical() {
        DataLocator locator = new DataLocator(options.dataDir);
        Path folder = data != null ? data : locator.roots().stream().map(r -> r.resolve(DEFAULT_FOLDER)).filter(java.nio.file.Files::isDirectory)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + DEFAULT_FOLDER + " folder in " + locator.roots()
                        + ": give --data DIR, a folder with train/ and validation/ holding one subfolder per class"));
        OptimizerSpec opt = optimizer.spec(OptimizerSpec.adam(1e-3));
        FineTuning f = new FineTuning(Architecture.MOBILENETV2, alpha, size, FolderClasses.count(folder), false, 0, true, opt,
                PracticalOptions.positive("--epochs", epochs), 0, opt, 0, false, options.patience);
        Candidate c = f.transfer(new KerasWeightFiles(new DataLocator(options.dataDir)), "frozen");
        return new Practical("cats-vs-dogs", "Cats against dogs: MobileNetV2 as a frozen feature extractor",
                "MobileNetV2 (alpha " + alpha + ", ImageNet weights) frozen at " + size + "x" + size + " under GlobalAveragePooling2D and "
                        + "Dense(1, sigmoid); binary cross-entropy, " + opt.describe() + "; accuracy and AUC every epoch.",
                List.of(c), List.of(Practical.allEntries("Result", List.of(c), null)), false,
                PracticalData.folder(folder, size, null, 0), List.of(), Practical.Figures.NONE, 0);
    }

    @Override
    int defaultBatchSize() {
        return 32;
    }

    /** The app main: the same options as {@code ./conv4j cats-vs-dogs}. */
    public static void main(String[] args) {
        PracticalCommand.main("cats-vs-dogs", args);
    }
}
