package org.conv4j.apps;

import java.io.IOException;
import java.nio.file.Path;
import org.conv4j.engine.Backend;
import org.conv4j.layers.Model;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.Applications;
import org.conv4j.zoo.keras.KerasWeightFiles;
import org.conv4j.zoo.models.MobileNetV2;
import org.conv4j.zoo.models.SimpleCnn;
import org.conv4j.zoo.models.VGG;
import picocli.CommandLine.Option;

/** The options that pick an architecture: --model, --alpha, --input HxWxC, --no-top, --classes, --pooling, --weights. */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "mobilenetv2", description = "mobilenetv2, vgg16 or simple-cnn (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--alpha", defaultValue = "1.0", description = "MobileNetV2 width multiplier (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--input", description = "input size HxWxC, Keras order (default: 224x224x3; 32x32x3 for simple-cnn)")
    String input;

    @Option(names = "--no-top", description = "leave out the classifier (Keras's include_top=False)")
    boolean noTop;

    @Option(names = "--classes", defaultValue = "1000", description = "classes of the classifier (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--pooling", defaultValue = "none", description = "without the top: none, avg or max (default: ${DEFAULT-VALUE})")
    String pooling;

    @Option(names = "--weights", description = "imagenet, a Keras .h5 file, or none (default: none)")
    String weights;

    @Option(names = "--data-dir", description = "folder holding keras/ (else $CONV4J_DATA, ~/.keras/models, ~/.conv4j)")
    Path dataDir;

    /** (H, W, C) from --input, or the default for the model. */
    int[] inputShape() {
        String text = input != null ? input : model.equals("simple-cnn") ? "32x32x3" : "224x224x3";
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
            throw new IllegalArgumentException("--input '" + text + "' is not HxWxC, e.g. 224x224x3");
        }
    }

    /** The architecture alone, without weights (enough for a summary). */
    Model architecture() {
        int[] s = inputShape();
        switch (model) {
            case "mobilenetv2":
                requireRgb(s);
                return MobileNetV2.build(alpha, s[0], s[1], !noTop, pooling, classes);
            case "vgg16":
                requireRgb(s);
                return VGG.vgg16(s[0], s[1], !noTop, pooling, classes);
            case "simple-cnn":
                return SimpleCnn.simple(s[0], s[1], s[2], classes);
            default:
                throw new IllegalArgumentException("unknown --model '" + model + "': expected mobilenetv2, vgg16 or simple-cnn");
        }
    }

    /** The architecture with its weights, built on {@code backend}. */
    Model build(Backend backend, long seed) throws IOException {
        int[] s = inputShape();
        Applications.Options o = new Applications.Options(s[0], s[1], !noTop, pooling, classes, weights, seed);
        KerasWeightFiles files = new KerasWeightFiles(new DataLocator(dataDir));
        switch (model) {
            case "mobilenetv2":
                requireRgb(s);
                return Applications.mobileNetV2(backend, alpha, o, files);
            case "vgg16":
                requireRgb(s);
                return Applications.vgg16(backend, o, files);
            default:
                if (weights != null && !weights.equals("none")) {
                    throw new IllegalArgumentException("--model " + model + " has no Keras weights to load; use --weights none");
                }
                return architecture().build(backend, seed);
        }
    }

    private void requireRgb(int[] s) {
        if (s[2] != 3) {
            throw new IllegalArgumentException("--model " + model + " takes RGB images: --input must end in x3, got " + input);
        }
    }
}
