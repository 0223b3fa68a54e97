package org.conv4j.apps.practical;

import org.conv4j.layers.data.Samples;
import org.conv4j.zoo.data.LabeledImages;

/**
 * The images of one role in a run (training, validation or test): its samples in order, each
 * (C, H, W) with values in [0, 255] and its class index as label, and those labels again for the
 * reports. {@code decodedOnRead}: reading a sample decodes an image file, so the pipeline keeps
 * each one in memory once read.
 */
public record ImageSet(Samples samples, int[] labels, boolean decodedOnRead) {
    public ImageSet {
        if (labels.length != samples.size()) {
            throw new IllegalArgumentException(samples.size() + " images but " + labels.length + " labels");
        }
        labels = labels.clone();
    }

    /** Images already in memory, one byte a pixel. */
    public static ImageSet of(LabeledImages images) {
        return new ImageSet(images.samples(), images.labels(), false);
    }

    public int count() {
        return samples.size();
    }

    public int channels() {
        return samples.shape()[0];
    }

    public int height() {
        return samples.shape()[1];
    }

    public int width() {
        return samples.shape()[2];
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** One image, (C, H, W) in [0, 255]. */
    public float[] image(int index) {
        float[] x = new float[channels() * height() * width()];
        samples.read(index, x, 0);
        return x;
    }
}
