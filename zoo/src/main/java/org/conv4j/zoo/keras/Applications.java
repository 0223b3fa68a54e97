package org.conv4j.zoo.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.conv4j.engine.Backend;
import org.conv4j.layers.Model;
import org.conv4j.zoo.models.MobileNetV2;

/**
 * Keras's {@code keras.applications} with weights, one method per application (Keras's names), all
 * through {@link #build}: the architecture ({@link Architecture}) checked against Keras's input
 * rules and built on a backend, then the ImageNet weights (weights = "imagenet", found or
 * downloaded by {@link KerasWeightFiles}), a given Keras H5 file, or none.
 */
public final class Applications {
    private Applications() {}

    /** The options of a Keras application call, Keras's defaults from {@link Options#defaults}. */
    public record Options(int height, int width, boolean includeTop, String pooling, int classes, String weights,
                          long seed) {
        /** Keras's defaults: 224x224, with the top, no pooling, 1000 classes, ImageNet weights. */
        public static Options defaults() {
            return new Options(224, 224, true, null, 1000, "imagenet", 0);
        }

        public Options withInput(int h, int w) {
            return new Options(h, w, includeTop, pooling, classes, weights, seed);
        }

        public Options withTop(boolean top, String pool) {
            return new Options(height, width, top, pool, classes, weights, seed);
        }

        public Options withWeights(String w) {
            return new Options(height, width, includeTop, pooling, classes, w, seed);
        }
    }

    /**
     * {@code architecture} built on {@code backend} with its weights: "imagenet" (Keras's file,
     * found or downloaded by {@code files}; a no-top model also takes the with-top file, which holds
     * every no-top weight first), a Keras H5 file (by topological order, as Keras's load_weights),
     * or none ("none"/null: initialized from the seed).
     */
    public static Model build(Architecture architecture, Backend backend, double alpha, Options o, KerasWeightFiles files)
            throws IOException {
        boolean imagenet = "imagenet".equals(o.weights());
        architecture.checkInput(o.height(), o.width(), 3, o.includeTop(), imagenet);
        if (imagenet) {
            architecture.checkImagenetAlpha(alpha);
            if (o.includeTop() && o.classes() != 1000) {
                throw new IllegalArgumentException(architecture.kerasName() + " with the top and ImageNet weights has 1000 classes, not "
                        + o.classes() + ": use includeTop=false and a head of your own");
            }
        }
        Model model = architecture.build(alpha, o.height(), o.width(), o.includeTop(), o.pooling(), o.classes(), imagenet)
                .build(backend, o.seed());
        if (imagenet) {
            ImagenetWeights w = imagenetWeights(architecture, alpha, o.height(), o.width(), o.includeTop(), files);
            KerasWeightLoader.load(model, KerasH5File.read(w.path()), KerasWeightLoader.Matching.TOPOLOGICAL, w.withTop());
        } else if (o.weights() != null && !o.weights().equals("none")) {
            KerasWeightLoader.load(model, Path.of(o.weights()), KerasWeightLoader.Matching.TOPOLOGICAL);
        }
        return model;
    }

    /** A Keras ImageNet weights file on this machine; {@code withTop} when it is the with-top file serving a no-top model. */
    public record ImagenetWeights(Path path, boolean withTop) {}

    /**
     * Keras's ImageNet file for a model of these settings, found here or downloaded (and checked):
     * its own file, or, for a no-top model when only that is here, the with-top file, which holds
     * every no-top weight first. An IOException says which file is missing and where it may go.
     */
    public static ImagenetWeights imagenetWeights(Architecture architecture, double alpha, int height, int width, boolean includeTop,
                                                  KerasWeightFiles files) throws IOException {
        Architecture.WeightsFile file = architecture.imagenetFile(alpha, height, width, includeTop);
        Optional<Path> local = files.find(file.name());
        if (local.isPresent()) {
            return new ImagenetWeights(local.get(), false);
        }
        if (!includeTop) {
            Optional<Path> top = files.find(architecture.imagenetFile(alpha, height, width, true).name());
            if (top.isPresent()) {
                return new ImagenetWeights(top.get(), true);
            }
        }
        return new ImagenetWeights(files.resolve(file.name(), file.url(), file.md5()), false);
    }

    public static Model mobileNet(Backend backend, double alpha, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.MOBILENET, backend, alpha, o, files);
    }

    public static Model mobileNetV2(Backend backend, double alpha, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.MOBILENETV2, backend, alpha, o, files);
    }

    public static Model mobileNetV3Small(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.MOBILENETV3SMALL, backend, 1.0, o, files);
    }

    public static Model mobileNetV3Large(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.MOBILENETV3LARGE, backend, 1.0, o, files);
    }

    public static Model vgg16(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.VGG16, backend, 1.0, o, files);
    }

    public static Model vgg19(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.VGG19, backend, 1.0, o, files);
    }

    public static Model resnet50(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.RESNET50, backend, 1.0, o, files);
    }

    public static Model resnet101(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.RESNET101, backend, 1.0, o, files);
    }

    public static Model resnet152(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.RESNET152, backend, 1.0, o, files);
    }

    public static Model efficientNetB0(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.EFFICIENTNETB0, backend, 1.0, o, files);
    }

    public static Model efficientNetB3(Backend backend, Options o, KerasWeightFiles files) throws IOException {
        return build(Architecture.EFFICIENTNETB3, backend, 1.0, o, files);
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
