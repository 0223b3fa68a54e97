package org.conv4j.apps.practical;

import org.conv4j.layers.data.Dataset;
import org.conv4j.zoo.data.BatchMaps;
import org.conv4j.zoo.data.LabeledImages;
import org.conv4j.zoo.keras.Preprocessing;

/**
 * How a practical's images become a model's input, batch by batch through the data pipeline: labels
 * one-hot, images resized to {@code size} x {@code size} when that is not their size, then pixels
 * scaled to [0, 1] ({@code preprocessing} null: the CNNs from scratch) or the pretrained base's own
 * {@code preprocess_input}. Every step is a function of the batch alone, so a frozen base's outputs
 * are computed once.
 */
public record InputPipeline(int size, Preprocessing preprocessing) {
    public InputPipeline {
        if (size < 1) {
            throw new IllegalArgumentException("the input size must be >= 1, got " + size);
        }
    }

    /** Pixels in [0, 1] at {@code size}. */
    public static InputPipeline unitRange(int size) {
        return new InputPipeline(size, null);
    }

    /**
     * The images as batches for this pipeline: in a new seeded order every epoch when {@code seed}
     * is not null (training), else in their order (validation, test).
     */
    public Dataset batches(LabeledImages images, int batchSize, Long seed) {
        Dataset d = Dataset.fromSamples(images.samples());
        if (seed != null) {
            d = d.shuffle(seed);
        }
        d = d.batch(batchSize).map(BatchMaps.oneHot(images.numClasses()));
        if (images.height() != size || images.width() != size) {
            d = d.map(BatchMaps.resize(size, size));
        }
        d = preprocessing == null ? d.map(BatchMaps.rescale(1.0 / 255.0, 0)) : d.map(BatchMaps.preprocess(preprocessing));
        return d.prefetch(2);
    }

    /** For the report: "32x32, pixels in [0, 1]" or "128x128 (resized), preprocess_input 'tf'". */
    public String describe(int nativeSize) {
        String shape = size + "x" + size + (size != nativeSize ? " (resized from " + nativeSize + "x" + nativeSize + ")" : "");
        return shape + ", " + (preprocessing == null ? "pixels in [0, 1]" : preprocessing == Preprocessing.NONE
                ? "pixels in [0, 255] (the model preprocesses them itself)"
                : "the base's preprocess_input ('" + preprocessing.name().toLowerCase(java.util.Locale.ROOT) + "')");
    }
}
