package org.conv4j.apps;

import java.io.IOException;
import java.nio.file.Path;
import org.conv4j.engine.Backend;
import org.conv4j.layers.Model;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.Applications;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.keras.KerasWeightFiles;
import org.conv4j.zoo.models.SimpleCnn;
import picocli.CommandLine.Option;

/**
 * The options that pick an architecture: --model (any zoo name, simple-cnn or bn-dropout-cnn), --alpha,
 * --input-shape HxWxC, --no-top, --classes, --pooling, --weights.
 */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "mobilenetv2", description = "a zoo model (mobilenet, mobilenetv2, mobilenetv3small, "
            + "mobilenetv3large, vgg16, vgg19, resnet50, resnet101, resnet152, efficientnetb0, efficientnetb3), simple-cnn or bn-dropout-cnn "
            + "(default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--alpha", defaultValue = "1.0", description = "width multiplier of mobilenet and mobilenetv2 (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--input-shape", description = "input size HxWxC, Keras order (default: Keras's, 224x224x3, 300x300x3 for efficientnetb3;"
            + " 32x32x3 for simple-cnn and bn-dropout-cnn)")
    String inputShapeText;

    @Option(names = "--no-top", description = "leave out the classifier (Keras's include_top=False)")
    boolean noTop;

    @Option(names = "--classes", description = "classes of the classifier (default: 1000, ImageNet's; 10, CIFAR-10's, for simple-cnn and bn-dropout-cnn)")
    Integer classes;

    @Option(names = "--pooling", defaultValue = "none", description = "without the top: none, avg or max (default: ${DEFAULT-VALUE})")
    String pooling;

    @Option(names = "--weights", description = "imagenet, a Keras .h5 file, or none (default: none)")
    String weights;

    @Option(names = "--data-dir", description = "folder holding keras/ (else $CONV4J_DATA, ~/.keras/models, ~/.conv4j)")
    Path dataDir;

    private boolean isSimpleCnn() {
        return SimpleCnn.isName(model);
    }

    /** The zoo architecture of --model (an error listing every name for an unknown one). */
    Architecture zoo() {
        try {
            return Architecture.of(model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --model '" + model + "': expected simple-cnn, bn-dropout-cnn or one of " + Architecture.names());
        }
    }

    /** (H, W, C) from --input-shape, or the default for the model. */
    int[] inputShape() {
        String text = inputShapeText;
        if (text == null) {
            int size = isSimpleCnn() ? 32 : zoo().defaultSize(0, 0);
            text = size + "x" + size + "x3";
        }
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            int[] s = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
            if (s[0] < 1 || s[1] < 1 || s[2] < 1) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--input-shape '" + text + "' is not HxWxC, e.g. 224x224x3");
        }
    }

    /** --classes, or the model's default: ImageNet's 1000, CIFAR-10's 10 for the CNNs from scratch. */
    int classCount() {
        return classes != null ? classes : isSimpleCnn() ? 10 : 1000;
    }

    private boolean imagenet() {
        return "imagenet".equals(weights);
    }

    private String poolingOption() {
        if (!noTop && !pooling.equals("none")) {
            throw new IllegalArgumentException("--pooling " + pooling + " applies without the top: add --no-top");
        }
        return pooling;
    }

    /**
     * The architecture alone, without weights (enough for a summary), as Keras builds it for
     * weights="imagenet" unless --weights says otherwise (EfficientNet's extra Rescaling).
     */
    Model architecture() {
        int[] s = inputShape();
        if (isSimpleCnn()) {
            return SimpleCnn.byName(model, s[0], s[1], s[2], classCount(), null);
        }
        Architecture a = zoo();
        boolean imagenetLayout = weights == null || imagenet();
        a.checkInput(s[0], s[1], s[2], !noTop, false);
        return a.build(alpha, s[0], s[1], !noTop, poolingOption(), classCount(), imagenetLayout);
    }

    /** The architecture with its weights, built on {@code backend}. */
    Model build(Backend backend, long seed) throws IOException {
        int[] s = inputShape();
        if (isSimpleCnn()) {
            if (weights != null && !weights.equals("none")) {
                throw new IllegalArgumentException("--model " + model + " has no Keras weights to load; use --weights none");
            }
            return architecture().build(backend, seed);
        }
        Architecture a = zoo();
        a.checkInput(s[0], s[1], s[2], !noTop, imagenet());
        Applications.Options o = new Applications.Options(s[0], s[1], !noTop, poolingOption(), classCount(), weights, seed);
        return Applications.build(a, backend, alpha, o, new KerasWeightFiles(new DataLocator(dataDir)));
    }
}
