package org.conv4j.zoo.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.conv4j.engine.Backend;
import org.conv4j.layers.Model;
import org.conv4j.zoo.models.MobileNetV2;
import org.conv4j.zoo.models.VGG16;

/**
 * Keras's {@code keras.applications} with weights: the architecture built on a backend, then the
 * ImageNet weights (weights = "imagenet", found or downloaded by {@link KerasWeightFiles}), a
 * given Keras H5 file, or none ("none"/null: Glorot-initialized from the seed).
 */
public final class Applications {
    static final String MOBILENET_V2_URL = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";
    static final String VGG16_URL = "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/";
    static final String VGG16_TOP = "vgg16_weights_tf_dim_ordering_tf_kernels.h5";
    static final String VGG16_NO_TOP = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
    /** Keras's md5 file hashes of the VGG16 files (keras/src/applications/vgg16.py). */
    static final String VGG16_TOP_MD5 = "64373286793e3c8b2b4e3219cbf3544b";
    static final String VGG16_NO_TOP_MD5 = "6d6bbae143d832006294945121d1f1fc";

    private Applications() {}

    /** The options of a Keras application call. */
    public record Options(int height, int width, boolean includeTop, String pooling, int classes, String weights,
                          long seed) {}

    public static Model mobileNetV2(Backend backend, double alpha, Options o, KerasWeightFiles files) throws IOException {
        boolean imagenet = "imagenet".equals(o.weights());
        if (imagenet) {
            checkImagenet("MobileNetV2", o, alpha == 0.35 || alpha == 0.5 || alpha == 0.75 || alpha == 1.0 || alpha == 1.3 || alpha == 1.4,
                    "alpha must be one of 0.35, 0.50, 0.75, 1.0, 1.3, 1.4 for ImageNet weights, got " + alpha);
        }
        Model model = MobileNetV2.build(alpha, o.height(), o.width(), o.includeTop(), o.pooling(), o.classes()).build(backend, o.seed());
        if (imagenet) {
            String topFile = mobileNetV2File(alpha, o.height(), o.width(), true);
            String file = mobileNetV2File(alpha, o.height(), o.width(), o.includeTop());
            Optional<Path> local = files.find(file);
            if (local.isEmpty() && !o.includeTop() && files.find(topFile).isPresent()) {
                // The with-top file holds every no-top weight, followed by the classifier's.
                KerasWeightLoader.load(model, KerasH5File.read(files.find(topFile).get()), KerasWeightLoader.Matching.TOPOLOGICAL, true);
                return model;
            }
            Path path = local.isPresent() ? local.get() : files.resolve(file, MOBILENET_V2_URL + file, null);
            KerasWeightLoader.load(model, path, KerasWeightLoader.Matching.TOPOLOGICAL);
        } else {
            loadFile(model, o.weights());
        }
        return model;
    }

    public static Model vgg16(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        boolean imagenet = "imagenet".equals(o.weights());
        if (imagenet) {
            checkImagenet("VGG16", o, true, "");
        }
        Model model = VGG16.build(o.height(), o.width(), o.includeTop(), o.pooling(), o.classes()).build(backend, o.seed());
        if (imagenet) {
            String file = o.includeTop() ? VGG16_TOP : VGG16_NO_TOP;
            Path path = files.resolve(file, VGG16_URL + file, o.includeTop() ? VGG16_TOP_MD5 : VGG16_NO_TOP_MD5);
            KerasWeightLoader.load(model, path, KerasWeightLoader.Matching.TOPOLOGICAL);
        } else {
            loadFile(model, o.weights());
        }
        return model;
    }

    /** weights = a path to a Keras H5 file (loaded by topological order), or none. */
    private static void loadFile(Model model, String weights) throws IOException {
        if (weights != null && !weights.equals("none")) {
            KerasWeightLoader.load(model, Path.of(weights), KerasWeightLoader.Matching.TOPOLOGICAL);
        }
    }

    /** Keras's checks for ImageNet weights: 1000 classes with the top, and the architecture's own conditions. */
    private static void checkImagenet(String model, Options o, boolean ok, String why) {
        if (!ok) {
            throw new IllegalArgumentException(model + ": " + why);
        }
        if (o.includeTop() && o.classes() != 1000) {
            throw new IllegalArgumentException(model + " with the top and ImageNet weights has 1000 classes, not " + o.classes()
                    + ": use includeTop=false and a head of your own");
        }
    }

    /**
     * Keras's file name: mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{alpha}_{rows}[_no_top].h5,
     * alpha written as Python's str(float(alpha)), rows the input size when square and one of 96,
     * 128, 160, 192, 224, else 224 (Keras then warns and loads the 224 weights).
     */
    public static String mobileNetV2File(double alpha, int height, int width, boolean includeTop) {
        String a = alpha == Math.rint(alpha) ? String.format(Locale.ROOT, "%.1f", alpha) : stripZeros(alpha);
        int rows = MobileNetV2.rowsForName(height, width);
        return "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_" + a + "_" + rows + (includeTop ? "" : "_no_top") + ".h5";
    }

    private static String stripZeros(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "");
    }
}
