package org.conv4j.apps.practical;

import org.conv4j.engine.Tensor;
import org.conv4j.layers.data.Batch;
import org.conv4j.layers.data.Dataset;
import org.conv4j.zoo.data.BatchMaps;
import org.conv4j.zoo.keras.Preprocessing;

/**
 * How a practical's images become a model's input, batch by batch through the data pipeline:
 * labels one-hot (or one 0/1 value for a sigmoid output, {@code binaryLabels}), grey images made
 * RGB when the model takes {@code channels} = 3 (the grey plane three times, as
 * {@code tf.image.grayscale_to_rgb}), images resized to {@code size} x {@code size} when that is
 * not their size (bilinear, as tf.image.resize), then pixels scaled to [0, 1] ({@code preprocessing}
 * null: the CNNs from scratch) or the pretrained base's own {@code preprocess_input}. Every step is
 * a function of the batch alone, so a frozen base's outputs are computed once; random augmentation
 * is in the model, as Keras layers.
 */
public record InputPipeline(int size, int channels, Preprocessing preprocessing, boolean binaryLabels) {
    public InputPipeline {
        if (size < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("the input size must be >= 1 and the channels 1 or 3, got " + size + " and " + channels);
        }
    }

    /** RGB at {@code size} through {@code preprocessing} (null: pixels in [0, 1]), one-hot labels. */
    public InputPipeline(int size, Preprocessing preprocessing) {
        this(size, 3, preprocessing, false);
    }

    /** RGB pixels in [0, 1] at {@code size}. */
    public static InputPipeline unitRange(int size) {
        return new InputPipeline(size, null);
    }

    /** The same with one 0/1 label per image (a Dense(1, sigmoid) output). */
    public InputPipeline withBinaryLabels() {
        return new InputPipeline(size, channels, preprocessing, true);
    }

    /**
     * The images as batches for this pipeline: in a new seeded order every epoch when {@code seed}
     * is not null (training), else in their order (validation, test).
     */
    public Dataset batches(ImageSet images, int classes, int batchSize, Long seed) {
        if (images.channels() != channels && !(images.channels() == 1 && channels == 3)) {
            throw new IllegalArgumentException("the model takes " + channels + "-channel images, the data has " + images.channels());
        }
        if (binaryLabels && classes != 2) {
            throw new IllegalArgumentException("a sigmoid output needs two classes, the data has " + classes);
        }
        Dataset d = Dataset.fromSamples(images.samples());
        if (images.decodedOnRead() && fitsInMemory(images)) {
            d = d.cache();
        }
        if (seed != null) {
            d = d.shuffle(seed);
        }
        d = d.batch(batchSize);
        if (!binaryLabels) {
            d = d.map(BatchMaps.oneHot(classes));
        }
        if (images.channels() == 1 && channels == 3) {
            d = d.map(InputPipeline::greyToRgb);
        }
        if (images.height() != size || images.width() != size) {
            d = d.map(BatchMaps.resize(size, size));
        }
        d = preprocessing == null ? d.map(BatchMaps.rescale(1.0 / 255.0, 0)) : d.map(BatchMaps.preprocess(preprocessing));
        return d.prefetch(2);
    }

    /**
     * Whether the decoded images (float32) take at most a quarter of the heap: then each file is
     * decoded once and kept; a larger folder is decoded again every epoch, on the prefetch threads.
     */
    static boolean fitsInMemory(ImageSet images) {
        long bytes = 4L * images.count() * images.channels() * images.height() * images.width();
        return bytes <= Runtime.getRuntime().maxMemory() / 4;
    }

    /** (N, 1, H, W) to (N, 3, H, W), the plane copied into each channel. */
    static Batch greyToRgb(Batch b) {
        int n = b.x().dim(0), plane = b.x().dim(2) * b.x().dim(3);
        float[] grey = b.x().floats(), rgb = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(grey, i * plane, rgb, (i * 3 + c) * plane, plane);
            }
        }
        return new Batch(Tensor.of(rgb, n, 3, b.x().dim(2), b.x().dim(3)), b.y());
    }

    /** For the report: "32x32, pixels in [0, 1]" or "128x128 (resized from 32x32), the base's preprocess_input ('tf')". */
    public String describe(int nativeSize) {
        String shape = size + "x" + size + (size != nativeSize ? " (resized from " + nativeSize + "x" + nativeSize + ")" : "");
        return shape + (channels == 3 ? "" : ", grey") + ", " + (preprocessing == null ? "pixels in [0, 1]" : preprocessing == Preprocessing.NONE
                ? "pixels in [0, 255] (the model preprocesses them itself)"
                : "the base's preprocess_input ('" + preprocessing.name().toLowerCase(java.util.Locale.ROOT) + "')");
    }
}
