package org.conv4j.zoo.keras;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.conv4j.layers.Model;
import org.conv4j.zoo.models.EfficientNet;
import org.conv4j.zoo.models.MobileNet;
import org.conv4j.zoo.models.MobileNetV2;
import org.conv4j.zoo.models.MobileNetV3;
import org.conv4j.zoo.models.ResNet;
import org.conv4j.zoo.models.VGG;

/**
 * The Keras applications conv4j rebuilds, by their command-line names: how each is built, Keras's
 * input-size rules for it, its ImageNet weights files (name, official URL, Keras's published md5
 * hash) and its {@code preprocess_input} mode.
 */
public enum Architecture {
    MOBILENET("mobilenet", "MobileNet", Preprocessing.TF),
    MOBILENETV2("mobilenetv2", "MobileNetV2", Preprocessing.TF),
    MOBILENETV3SMALL("mobilenetv3small", "MobileNetV3Small", Preprocessing.NONE),
    MOBILENETV3LARGE("mobilenetv3large", "MobileNetV3Large", Preprocessing.NONE),
    VGG16("vgg16", "VGG16", Preprocessing.CAFFE),
    VGG19("vgg19", "VGG19", Preprocessing.CAFFE),
    RESNET50("resnet50", "ResNet50", Preprocessing.CAFFE),
    RESNET101("resnet101", "ResNet101", Preprocessing.CAFFE),
    RESNET152("resnet152", "ResNet152", Preprocessing.CAFFE),
    EFFICIENTNETB0("efficientnetb0", "EfficientNetB0", Preprocessing.NONE),
    EFFICIENTNETB3("efficientnetb3", "EfficientNetB3", Preprocessing.NONE);

    /** Keras's smallest accepted input side for every application here. */
    public static final int MIN_SIZE = 32;
    private static final String KERAS_APPLICATIONS = "https://storage.googleapis.com/tensorflow/keras-applications/";

    /** A Keras weights file: its name, where Keras downloads it, and Keras's md5 of it (null where Keras gives none). */
    public record WeightsFile(String name, String url, String md5) {}

    private final String cliName;
    private final String kerasName;
    private final Preprocessing preprocessing;

    Architecture(String cliName, String kerasName, Preprocessing preprocessing) {
        this.cliName = cliName;
        this.kerasName = kerasName;
        this.preprocessing = preprocessing;
    }

    public String cliName() {
        return cliName;
    }

    public String kerasName() {
        return kerasName;
    }

    /** Keras's preprocess_input mode; NONE where the preprocessing is inside the model. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** Whether the architecture takes a width multiplier (--alpha). */
    public boolean hasAlpha() {
        return this == MOBILENET || this == MOBILENETV2;
    }

    /** Every command-line name, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Architecture::cliName).collect(Collectors.joining(", "));
    }

    /** The architecture of a command-line name, or an error listing them all. */
    public static Architecture of(String name) {
        for (Architecture a : values()) {
            if (a.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "': expected one of " + names());
    }

    /**
     * Keras's default input side: 224, 300 for EfficientNetB3; MobileNet and MobileNetV2 follow a
     * square input of one of their pretrained sizes (their default_size rule).
     */
    public int defaultSize(int height, int width) {
        switch (this) {
            case EFFICIENTNETB3:
                return 300;
            case MOBILENET:
                return MobileNet.rowsForName(height, width);
            case MOBILENETV2:
                return MobileNetV2.rowsForName(height, width);
            default:
                return 224;
        }
    }

    /**
     * Keras's input checks (imagenet_utils.obtain_input_shape, and MobileNetV3's own): at least
     * 32x32, 3 channels, and with the top and ImageNet weights exactly the default size (not for
     * MobileNetV3, whose top has no Flatten and which loads its 224 weights at any size).
     */
    public void checkInput(int height, int width, int channels, boolean includeTop, boolean imagenet) {
        String received = "(" + height + ", " + width + ", " + channels + ")";
        if (channels != 3) {
            throw new IllegalArgumentException(kerasName + ": the input must have 3 channels; received input_shape=" + received);
        }
        boolean v3 = this == MOBILENETV3SMALL || this == MOBILENETV3LARGE;
        int size = defaultSize(height, width);
        if (!v3 && includeTop && imagenet && (height != size || width != size)) {
            throw new IllegalArgumentException(kerasName + ": with include_top=True and imagenet weights, input_shape should be ("
                    + size + ", " + size + ", 3); received input_shape=" + received
                    + ". Use includeTop=false (--no-top) for other sizes");
        }
        if (height < MIN_SIZE || width < MIN_SIZE) {
            throw new IllegalArgumentException(kerasName + ": input size must be at least " + MIN_SIZE + "x" + MIN_SIZE
                    + "; received input_shape=" + received);
        }
    }

    /**
     * The network without weights. {@code imagenet} matters for EfficientNet only: Keras adds a
     * Rescaling layer for ImageNet weights (see {@link EfficientNet}).
     */
    public Model build(double alpha, int height, int width, boolean includeTop, String pooling, int classes, boolean imagenet) {
        if (!hasAlpha() && alpha != 1.0) {
            throw new IllegalArgumentException(kerasName + " has no width multiplier here: alpha must be 1.0, got " + alpha);
        }
        if (includeTop && pooling != null && !pooling.equals("none")) {
            throw new IllegalArgumentException(kerasName + " with the top ends in its own pooling: use pooling only with includeTop=false");
        }
        switch (this) {
            case MOBILENET:
                return MobileNet.build(alpha, height, width, includeTop, pooling, classes);
            case MOBILENETV2:
                return MobileNetV2.build(alpha, height, width, includeTop, pooling, classes);
            case MOBILENETV3SMALL:
                return MobileNetV3.small(height, width, includeTop, pooling, classes);
            case MOBILENETV3LARGE:
                return MobileNetV3.large(height, width, includeTop, pooling, classes);
            case VGG16:
                return VGG.vgg16(height, width, includeTop, pooling, classes);
            case VGG19:
                return VGG.vgg19(height, width, includeTop, pooling, classes);
            case RESNET50:
                return ResNet.resnet50(height, width, includeTop, pooling, classes);
            case RESNET101:
                return ResNet.resnet101(height, width, includeTop, pooling, classes);
            case RESNET152:
                return ResNet.resnet152(height, width, includeTop, pooling, classes);
            case EFFICIENTNETB0:
                return EfficientNet.build(EfficientNet.B0, height, width, includeTop, pooling, classes, imagenet);
            case EFFICIENTNETB3:
                return EfficientNet.build(EfficientNet.B3, height, width, includeTop, pooling, classes, imagenet);
            default:
                throw new AssertionError(this);
        }
    }

    /** Keras's checks on alpha for ImageNet weights. */
    public void checkImagenetAlpha(double alpha) {
        boolean ok = switch (this) {
            case MOBILENET -> alpha == 0.25 || alpha == 0.5 || alpha == 0.75 || alpha == 1.0;
            case MOBILENETV2 -> alpha == 0.35 || alpha == 0.5 || alpha == 0.75 || alpha == 1.0 || alpha == 1.3 || alpha == 1.4;
            default -> alpha == 1.0;
        };
        if (!ok) {
            throw new IllegalArgumentException(kerasName + ": no ImageNet weights for alpha " + alpha + " (" + switch (this) {
                case MOBILENET -> "0.25, 0.50, 0.75 or 1.0";
                case MOBILENETV2 -> "0.35, 0.50, 0.75, 1.0, 1.3 or 1.4";
                default -> "1.0 only";
            } + ")");
        }
    }

    /** The ImageNet weights file Keras loads for these options (Keras's file names, URLs and md5 hashes). */
    public WeightsFile imagenetFile(double alpha, int height, int width, boolean includeTop) {
        switch (this) {
            case MOBILENET: {
                String a = alpha == 1.0 ? "1_0" : alpha == 0.75 ? "7_5" : alpha == 0.5 ? "5_0" : "2_5";
                String name = String.format(Locale.ROOT, "mobilenet_%s_%d_tf%s.h5", a, MobileNet.rowsForName(height, width),
                        includeTop ? "" : "_no_top");
                return new WeightsFile(name, KERAS_APPLICATIONS + "mobilenet/" + name, null);
            }
            case MOBILENETV2: {
                String name = Applications.mobileNetV2File(alpha, height, width, includeTop);
                return new WeightsFile(name, KERAS_APPLICATIONS + "mobilenet_v2/" + name, null);
            }
            case MOBILENETV3SMALL:
                return mobileNetV3("small", includeTop, "8768d4c2e7dee89b9d02b2d03d65d862", "d3e8ec802a04aa4fc771ee12a9a9b836");
            case MOBILENETV3LARGE:
                return mobileNetV3("large", includeTop, "59e551e166be033d707958cf9e29a6a7", "07fb09a5933dd0c8eaafa16978110389");
            case VGG16:
                return kerasApplications("vgg16/", "vgg16", includeTop, "64373286793e3c8b2b4e3219cbf3544b", "6d6bbae143d832006294945121d1f1fc");
            case VGG19:
                return kerasApplications("vgg19/", "vgg19", includeTop, "cbe5617147190e668d6c5d5026f83318", "253f8cb515780f3b799900260a226db6");
            case RESNET50:
                return kerasApplications("resnet/", "resnet50", includeTop, "2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626");
            case RESNET101:
                return kerasApplications("resnet/", "resnet101", includeTop, "f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21");
            case RESNET152:
                return kerasApplications("resnet/", "resnet152", includeTop, "100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c");
            case EFFICIENTNETB0:
                return efficientNet("efficientnetb0", includeTop, "902e53a9f72be733fc0bcb005b3ebbac", "50bc09e76180e00e4465e1a485ddc09d");
            case EFFICIENTNETB3:
                return efficientNet("efficientnetb3", includeTop, "ffd1fdc53d0ce67064dc6a9c7960ede0", "af6d107764bb5b1abb91932881670226");
            default:
                throw new AssertionError(this);
        }
    }

    /** Keras's {model}_weights_tf_dim_ordering_tf_kernels[_notop].h5 in {folder} of the applications' storage. */
    private static WeightsFile kerasApplications(String folder, String model, boolean top, String topMd5, String noTopMd5) {
        String name = model + "_weights_tf_dim_ordering_tf_kernels" + (top ? "" : "_notop") + ".h5";
        return new WeightsFile(name, KERAS_APPLICATIONS + folder + name, top ? topMd5 : noTopMd5);
    }

    private static WeightsFile mobileNetV3(String type, boolean top, String topMd5, String noTopMd5) {
        String name = "weights_mobilenet_v3_" + type + "_224_1.0_float" + (top ? "" : "_no_top_v2") + ".h5";
        return new WeightsFile(name, KERAS_APPLICATIONS + "mobilenet_v3/" + name, top ? topMd5 : noTopMd5);
    }

    private static WeightsFile efficientNet(String model, boolean top, String topMd5, String noTopMd5) {
        String name = model + (top ? "" : "_notop") + ".h5";
        return new WeightsFile(name, "https://storage.googleapis.com/keras-applications/" + name, top ? topMd5 : noTopMd5);
    }
}
