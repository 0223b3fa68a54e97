package org.conv4j.apps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.conv4j.apps.practical.Candidate;
import org.conv4j.apps.practical.DigitFigures;
import org.conv4j.apps.practical.OptimizerSpec;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.PracticalData;
import org.conv4j.apps.practical.Recipes;
import org.conv4j.apps.practical.Recipes.Transfer;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.keras.KerasWeightFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Práctica 4: transfer learning on MNIST. A CNN from scratch on the grey 28x28 digits as the
 * baseline; then ImageNet bases frozen under Flatten + Dense(10, softmax) on the digits made RGB
 * and resized to 32x32 (bilinear, as tf.image.resize), each base's own preprocess_input; VGG16's
 * last block then fine-tuned. The best model's feature maps and misclassified digits are drawn.
 */
@Command(name = "mnist-transfer", description = "MNIST: a CNN baseline against ImageNet bases frozen on digits made RGB, VGG16 fine-tuned, feature maps.")
public final class MnistTransferCommand extends PracticalCommand {
    /** VGG16's last block in its no-top base.layers: block5_conv1, block5_conv2, block5_conv3, block5_pool. */
    static final int VGG16_LAST_BLOCK = 4;

    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--bases", split = ",", defaultValue = "vgg16,resnet50,mobilenetv2",
            description = "the frozen bases, comma-separated (default: ${DEFAULT-VALUE}); vgg16 is then fine-tuned")
    List<String> bases;

    @Option(names = "--alpha", defaultValue = "1.0", description = "MobileNetV2's width (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--size", defaultValue = "32", description = "the side the digits are resized to for the bases (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs at most of the baseline and of each frozen base (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--fine-tune-epochs", defaultValue = "5", description = "epochs at most of VGG16's fine-tuning (default: ${DEFAULT-VALUE})")
    int fineTuneEpochs;

    @Option(names = "--fine-tune-lr", defaultValue = "0.00001", description = "VGG16's fine-tuning learning rate (default: ${DEFAULT-VALUE})")
    double fineTuneLr;

    @Option(names = "--validation-split", defaultValue = "0.1", description = "the last fraction of the training digits that validates (default: ${DEFAULT-VALUE})")
    double validationSplit;

    @Override
    Practical practical() {
        PracticalOptions.positive("--epochs", epochs);
        PracticalOptions.positive("--fine-tune-epochs", fineTuneEpochs);
        Set<Architecture> chosen = new LinkedHashSet<>();
        for (String b : bases) {
            chosen.add(Architecture.of(b.trim()));
        }
        OptimizerSpec transfer = optimizer.spec(OptimizerSpec.adam(1e-4));
        KerasWeightFiles files = new KerasWeightFiles(new DataLocator(options.dataDir));
        List<Candidate> models = new ArrayList<>();
        models.add(Recipes.scratch("cnn_baseline", "simple-cnn", 0, OptimizerSpec.adam(1e-3), epochs, options.patience, 28, 1));
        for (Architecture a : chosen) {
            boolean vgg16 = a == Architecture.VGG16;
            Transfer t = new Transfer(a, a.hasAlpha() ? alpha : 1.0, size, "flatten", 0, 0, transfer, epochs, vgg16 ? VGG16_LAST_BLOCK : 0,
                    transfer.withLearningRate(fineTuneLr), fineTuneEpochs, options.patience);
            models.add(t.candidate(a.cliName(), files));
        }
        return new Practical("mnist-transfer", "Transfer learning on MNIST",
                "The simple CNN from scratch on the grey digits, against ImageNet bases frozen under Flatten + Dense(10, softmax) with "
                        + transfer.describe() + " on the digits made RGB and resized to " + size + "x" + size
                        + (chosen.contains(Architecture.VGG16) ? "; then VGG16's last block fine-tuned with " + transfer.withLearningRate(fineTuneLr).describe() : "")
                        + ".", models, List.of(Practical.allEntries("Comparison", models, "test_accuracy")), true,
                PracticalData.mnist(validationSplit), List.of(), new DigitFigures(), 0);
    }

    /** The app main: the same options as {@code ./conv4j mnist-transfer}. */
    public static void main(String[] args) {
        PracticalCommand.main("mnist-transfer", args);
    }
}
