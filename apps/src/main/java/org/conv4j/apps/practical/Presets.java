package org.conv4j.apps.practical;

import java.util.List;
import org.conv4j.apps.practical.Recipes.Transfer;
import org.conv4j.zoo.keras.Architecture;

/**
 * The transfer-learning settings the course's practicals name, each a {@link Transfer} that
 * {@code transfer --preset NAME} starts from (any option given changes that one setting):
 *
 * <pre>
 * scratch-vs-transfer     MobileNetV2 at 32x32, Flatten + Dense(10); Adam 1e-3, then its last 10 layers, Adam 1e-4
 * experiment-b            MobileNetV2 at 128x128, GlobalAveragePooling2D + Dense(10); Adam 1e-3
 * experiment-c            experiment-b, then its last 20 layers fine-tuned with Adam 1e-4
 * experiment-d            EfficientNetB0 at 128x128, GAP + Dense(10); then its last 30 layers, Adam 1e-4
 * ut3-vgg16               VGG16 at 32x32, Flatten + Dense(10) (14,719,818 parameters, 5,130 trainable)
 * ut3-resnet50            ResNet50 at 32x32, Flatten + Dense(10)
 * ut3-resnet50-finetuned  ut3-resnet50, then its last 10 layers fine-tuned with Adam 1e-4
 * </pre>
 *
 * All train 10 epochs a phase with EarlyStopping(val_accuracy, patience 3).
 */
public final class Presets {
    public static final List<String> NAMES = List.of("scratch-vs-transfer", "experiment-b", "experiment-c", "experiment-d",
            "ut3-vgg16", "ut3-resnet50", "ut3-resnet50-finetuned");
    static final OptimizerSpec ADAM = OptimizerSpec.adam(1e-3);
    static final OptimizerSpec FINE_TUNE = OptimizerSpec.adam(1e-4);
    private static final int EPOCHS = 10;
    private static final int PATIENCE = 3;

    private Presets() {}

    /** {@code transfer --base NAME} without a preset: 32x32, Flatten + Dense(10), Adam 1e-3, no fine-tuning. */
    public static Transfer plain(Architecture a, double alpha) {
        return frozen(a, alpha, Recipes.CIFAR_SIZE, "flatten");
    }

    /** compare-models' setting: every base frozen under the same GlobalAveragePooling2D + Dense(10). */
    public static Transfer comparison(Architecture a, double alpha, int size) {
        return frozen(a, alpha, size, "gap");
    }

    public static Transfer of(String name, double alpha) {
        return switch (name) {
            case "scratch-vs-transfer" -> fineTuned(frozen(Architecture.MOBILENETV2, alpha, Recipes.CIFAR_SIZE, "flatten"), 10);
            case "experiment-b" -> frozen(Architecture.MOBILENETV2, alpha, 128, "gap");
            case "experiment-c" -> fineTuned(frozen(Architecture.MOBILENETV2, alpha, 128, "gap"), 20);
            case "experiment-d" -> fineTuned(frozen(Architecture.EFFICIENTNETB0, alpha, 128, "gap"), 30);
            case "ut3-vgg16" -> frozen(Architecture.VGG16, alpha, Recipes.CIFAR_SIZE, "flatten");
            case "ut3-resnet50" -> frozen(Architecture.RESNET50, alpha, Recipes.CIFAR_SIZE, "flatten");
            case "ut3-resnet50-finetuned" -> fineTuned(frozen(Architecture.RESNET50, alpha, Recipes.CIFAR_SIZE, "flatten"), 10);
            default -> throw new IllegalArgumentException("unknown --preset '" + name + "': expected one of " + String.join(", ", NAMES));
        };
    }

    private static Transfer frozen(Architecture a, double alpha, int size, String head) {
        return new Transfer(a, a.hasAlpha() ? alpha : 1.0, size, head, 0, 0, ADAM, EPOCHS, 0, FINE_TUNE, EPOCHS, PATIENCE);
    }

    private static Transfer fineTuned(Transfer t, int layers) {
        return new Transfer(t.architecture(), t.alpha(), t.size(), t.head(), t.dense(), t.dropout(), t.optimizer(), t.epochs(),
                layers, t.fineTuneOptimizer(), t.fineTuneEpochs(), t.patience());
    }
}
