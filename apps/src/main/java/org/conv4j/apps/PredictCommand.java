package org.conv4j.apps;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Model;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.images.ImageFiles;
import org.conv4j.zoo.keras.ImageNetLabels;
import org.conv4j.zoo.keras.KerasWeightFiles;
import org.conv4j.zoo.keras.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j predict IMAGE...}: the top-5 ImageNet classes of photos, as Keras's
 * {@code decode_predictions(model.predict(preprocess_input(x)), top=5)}; each image is decoded
 * with ImageIO, resized bilinearly to the model's input and preprocessed for the architecture.
 * Needs a with-top model: --weights imagenet (the default) or a with-top .h5 file.
 */
@Command(name = "predict", description = "Classify photos with an ImageNet model and print the top-5 labels.")
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    ModelOptions options;

    @Mixin
    DeviceOptions device;

    @Parameters(arity = "1..*", description = "image files (JPEG, PNG, BMP, GIF)")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        if (options.noTop) {
            throw new IllegalArgumentException("predict needs the ImageNet classifier: drop --no-top");
        }
        if (options.weights == null) {
            options.weights = "imagenet";
        }
        int[] s = options.inputShape();
        Model model = options.build(device.backend(), device.seed());
        ImageNetLabels labels = ImageNetLabels.load(new KerasWeightFiles(new DataLocator(options.dataDir)));
        Preprocessing preprocessing = options.zoo().preprocessing();
        for (Path image : images) {
            float[] x = ImageFiles.readRgb(image, s[0], s[1]);
            preprocessing.apply(x, s[0] * s[1]);
            Tensor p = model.predict(Tensor.of(x, 1, 3, s[0], s[1]), 1);
            System.out.println(image + ":");
            for (ImageNetLabels.Prediction pr : labels.decode(p.floats(), 1, 5).get(0)) {
                System.out.printf(Locale.ROOT, "  %-10s %-28s %.4f%n", pr.wnid(), pr.name(), pr.probability());
            }
        }
        return 0;
    }
}
