package org.conv4j.zoo.data;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of labeled 8-bit images.
 *
 * <p>Layout: {@code pixels} holds {@code count * channels * height * width} unsigned bytes in NCHW
 * order, so the value of image {@code n}, channel {@code c}, row {@code y}, column {@code x} is at
 * {@code ((n * channels + c) * height + y) * width + x}. {@code labels[n]} is the class index of
 * image {@code n}, an index into {@code classNames}.
 *
 * <p>The public constructor copies its arrays and the accessors return copies, so no caller can
 * change a set after it is built; the loaders of this package hand over freshly read arrays
 * through {@link #wrap} to avoid copying hundreds of megabytes.
 */
public final class LabeledImages {
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    public LabeledImages(int count, int channels, int height, int width,
                         byte[] pixels, int[] labels, List<String> classNames) {
        this(count, channels, height, width, pixels.clone(), labels.clone(), List.copyOf(classNames), true);
    }

    private LabeledImages(int count, int channels, int height, int width,
                          byte[] pixels, int[] labels, List<String> classNames, boolean validate) {
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = classNames;
        if (validate) {
            validate();
        }
    }

    /** Builds a set that takes ownership of the arrays: the caller must not touch them afterwards. */
    static LabeledImages wrap(int count, int channels, int height, int width,
                              byte[] pixels, int[] labels, List<String> classNames) {
        return new LabeledImages(count, channels, height, width, pixels, labels, List.copyOf(classNames), true);
    }

    private void validate() {
        if (count < 0) {
            throw new IllegalArgumentException("image count must not be negative, got " + count);
        }
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("channels, height and width must be positive, got "
                    + channels + "x" + height + "x" + width);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("a labeled image set needs at least one class name");
        }
        long expectedPixels = (long) count * channels * height * width;
        if (expectedPixels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(count + " images of " + channels + "x" + height + "x" + width
                    + " need " + expectedPixels + " bytes, more than one Java array can hold");
        }
        if (pixels.length != expectedPixels) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected count*channels*height*width = "
                    + count + "*" + channels + "*" + height + "*" + width + " = " + expectedPixels);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries, expected one per image: " + count);
        }
        for (int n = 0; n < count; n++) {
            if (labels[n] < 0 || labels[n] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[n] + " of image " + n + " is outside 0.."
                        + (classNames.size() - 1) + " (" + classNames.size() + " class names: " + classNames + ")");
            }
        }
    }

    public int count() {
        return count;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes per image: channels * height * width. */
    public int imageSize() {
        return channels * height * width;
    }

    public int numClasses() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    /** A copy of all pixels, NCHW (see the class comment). */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** A copy of all labels, one class index per image. */
    public int[] labels() {
        return labels.clone();
    }

    public int label(int image) {
        return labels[image];
    }

    /** The pixel of {@code image} at channel {@code c}, row {@code y}, column {@code x}, 0..255. */
    public int pixel(int image, int c, int y, int x) {
        return pixels[((image * channels + c) * height + y) * width + x] & 0xFF;
    }

    /** The pixels times {@code scale}, NCHW; {@code 1 / 255f} maps them to [0, 1]. */
    public float[] toFloats(float scale) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (pixels[i] & 0xFF) * scale;
        }
        return out;
    }

    /**
     * The images as dataset samples, read in place (compact: one byte a pixel, turned into floats
     * in [0, 255] only when a batch is made), labelled by class index.
     */
    public org.conv4j.layers.data.Samples samples() {
        return new org.conv4j.layers.data.Samples() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public int[] shape() {
                return new int[] {channels, height, width};
            }

            @Override
            public int[] labelShape() {
                return new int[0];
            }

            @Override
            public void read(int index, float[] dst, int offset) {
                int size = imageSize();
                for (int i = 0; i < size; i++) {
                    dst[offset + i] = pixels[index * size + i] & 0xFF;
                }
            }

            @Override
            public void readLabel(int index, float[] dst, int offset) {
                dst[offset] = labels[index];
            }
        };
    }

    /** The labels as a {@code count x numClasses} row-major matrix of 0s with one 1 per row. */
    public float[] oneHot() {
        int classes = numClasses();
        float[] out = new float[Math.multiplyExact(count, classes)];
        for (int n = 0; n < count; n++) {
            out[n * classes + labels[n]] = 1f;
        }
        return out;
    }

    /** How many images each class has, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The first {@code n} images, for example to train on a subset (--limit-train). */
    public LabeledImages first(int n) {
        if (n < 0 || n > count) {
            throw new IllegalArgumentException("cannot take the first " + n + " images of a set of " + count);
        }
        return slice(0, n);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), for example Keras's validation_split: the last 10 %. */
    public LabeledImages slice(int from, int to) {
        if (from < 0 || to < from || to > count) {
            throw new IllegalArgumentException("cannot take images " + from + " to " + to + " of a set of " + count);
        }
        return new LabeledImages(to - from, channels, height, width, Arrays.copyOfRange(pixels, from * imageSize(), to * imageSize()),
                Arrays.copyOfRange(labels, from, to), classNames, false);
    }

    /** The same images and labels under other class names, for example names read from a metadata file. */
    public LabeledImages withClassNames(List<String> names) {
        return new LabeledImages(count, channels, height, width, pixels, labels, List.copyOf(names), true);
    }

    /** The images of all {@code parts} in order; they must agree on image shape and class names. */
    public static LabeledImages concat(List<LabeledImages> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate: no image sets given");
        }
        LabeledImages head = parts.get(0);
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            LabeledImages part = parts.get(i);
            if (part.channels != head.channels || part.height != head.height || part.width != head.width
                    || !part.classNames.equals(head.classNames)) {
                throw new IllegalArgumentException("image set " + i + " has shape " + part.shape() + " and classes "
                        + part.classNames + ", but set 0 has " + head.shape() + " and " + head.classNames);
            }
            total += part.count;
        }
        if (total * head.imageSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(total + " images of " + head.shape() + " do not fit in one Java array");
        }
        byte[] pixels = new byte[(int) total * head.imageSize()];
        int[] labels = new int[(int) total];
        int at = 0;
        for (LabeledImages part : parts) {
            System.arraycopy(part.pixels, 0, pixels, at * head.imageSize(), part.pixels.length);
            System.arraycopy(part.labels, 0, labels, at, part.count);
            at += part.count;
        }
        return new LabeledImages((int) total, head.channels, head.height, head.width, pixels, labels, head.classNames, false);
    }

    private String shape() {
        return channels + "x" + height + "x" + width;
    }

    @Override
    public String toString() {
        return count + " images of " + shape() + " in " + numClasses() + " classes";
    }
}
