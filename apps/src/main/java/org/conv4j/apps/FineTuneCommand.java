package org.conv4j.apps;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * Keras's two-phase fine-tuning on a folder of the user's images ({@link FineTuning}), with the
 * class's comparisons as options: the BatchNorm gotcha, training from scratch, a differential
 * learning rate, test-time augmentation.
 */
@Command(name = "fine-tune", description = "Transfer learning then fine-tuning on a folder of images (one subfolder per class, or train/ + validation/).")
public final class FineTuneCommand extends PracticalCommand {
    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--data", required = true, description = "the image folder: one subfolder of images per class, or train/ and validation/ each so")
    Path data;

    @Option(names = "--base", defaultValue = "mobilenetv2", description = "the pretrained base (default: ${DEFAULT-VALUE})")
    String base;

    @Option(names = "--alpha", defaultValue = "1.0", description = "width of MobileNet / MobileNetV2 (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--size", description = "image side (default: 160 for MobileNetV2, 224 otherwise)")
    Integer size;

    @Option(names = "--validation-split", description = "fraction of a single folder kept for validation, Keras's split (default: 0.2)")
    Double validationSplit;

    @Option(names = "--per-class-limit", defaultValue = "0", description = "keep a seeded random N images of each class (default: all)")
    int perClassLimit;

    @Option(names = "--epochs", defaultValue = "5", description = "phase 1 (head warm-up, base frozen) epochs at most (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--unfreeze", defaultValue = "0", description = "phase 2 trains the base's last N layers (default: 0, the whole base)")
    int unfreeze;

    @Option(names = "--fine-tune-lr", defaultValue = "0.00001", description = "phase 2's learning rate (default: ${DEFAULT-VALUE})")
    double fineTuneLr;

    @Option(names = "--fine-tune-epochs", defaultValue = "10", description = "phase 2 epochs at most (default: ${DEFAULT-VALUE})")
    int fineTuneEpochs;

    @Option(names = "--dropout", defaultValue = "0.2", description = "Dropout before the classifier (default: ${DEFAULT-VALUE})")
    double dropout;

    @Option(names = "--bn-gotcha", negatable = false, description = "also run phase 2 with the base in training mode (BatchNormalization updating its statistics)")
    boolean bnGotcha;

    @Option(names = "--from-scratch", negatable = false, description = "also train the same architecture from random weights, same data and epochs")
    boolean fromScratch;

    @Option(names = "--differential-lr", negatable = false, description = "phase 2: the earlier half of the unfrozen layers at a 10x lower learning rate")
    boolean differentialLr;

    @Option(names = "--tta", defaultValue = "0", description = "also score the average prediction over N augmented copies of each image (default: off)")
    int tta;

    @Override
    Practical practical() {
        Architecture a = Architecture.of(base);
        int side = size != null ? size : a == Architecture.MOBILENETV2 ? 160 : 224;
        if (perClassLimit < 0 || tta < 0) {
            throw new IllegalArgumentException("--per-class-limit and --tta must be >= 0");
        }
        int classes = FolderClasses.count(data);
        OptimizerSpec head = optimizer.spec(OptimizerSpec.adam(1e-3));
        FineTuning f = new FineTuning(a, a.hasAlpha() ? alpha : 1.0, side, classes, true, dropout, false, head,
                PracticalOptions.positive("--epochs", epochs), unfreeze, head.withLearningRate(fineTuneLr), fineTuneEpochs, differentialLr,
                options.patience);
        KerasWeightFiles files = new KerasWeightFiles(new DataLocator(options.dataDir));
        List<Candidate> models = new ArrayList<>(List.of(f.transfer(files, "phase1")));
        List<Practical.Contrast> contrasts = new ArrayList<>();
        String k = f.key();
        if (fineTuneEpochs > 0) {
            contrasts.add(new Practical.Contrast("fine-tuning over the frozen base", k + "_phase2", k + "_phase1"));
        }
        if (bnGotcha && fineTuneEpochs > 0) {
            models.add(f.bnTraining(files, "phase1"));
            contrasts.add(new Practical.Contrast("BatchNorm in inference mode over training mode", k + "_phase2", k + "_phase2_bn_training"));
        }
        if (fromScratch) {
            models.add(f.scratch());
            contrasts.add(new Practical.Contrast("transfer over training from scratch", fineTuneEpochs > 0 ? k + "_phase2" : k + "_phase1",
                    k + "_scratch"));
        }
        return new Practical("fine-tune", "Fine-tuning " + a.kerasName() + " on " + data.getFileName(),
                "Keras's recipe: augmentation layers, the base's preprocess_input, the base called with training=False under "
                        + "GlobalAveragePooling2D, Dropout and a new classifier; phase 1 trains the head with the base frozen, phase 2 "
                        + "fine-tunes " + (unfreeze == 0 ? "the whole base" : "its last " + unfreeze + " layers") + " with "
                        + head.withLearningRate(fineTuneLr).describe() + ".",
                models, List.of(Practical.allEntries("Phases and comparisons", models, null)), false,
                PracticalData.folder(data, side, validationSplit, perClassLimit), contrasts, Practical.Figures.NONE, tta);
    }

    @Override
    int defaultBatchSize() {
        return 32;
    }

    /** The app main: the same options as {@code ./conv4j fine-tune}. */
    public static void main(String[] args) {
        PracticalCommand.main("fine-tune", args);
    }
}
