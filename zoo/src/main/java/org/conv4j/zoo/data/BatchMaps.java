package org.conv4j.zoo.data;

import java.util.function.UnaryOperator;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.data.Batch;
import org.conv4j.zoo.images.ImageFiles;
import org.conv4j.zoo.keras.Preprocessing;

/** Functions of a whole batch for {@code Dataset.map}: resizing, rescaling and preprocessing images, one-hot labels. */
public final class BatchMaps {
    private BatchMaps() {}

    /** Every image of (N, C, H, W) resized bilinearly to (height, width), as tf.image.resize (half-pixel centres, no antialiasing). */
    public static UnaryOperator<Batch> resize(int height, int width) {
        return b -> {
            int n = b.x().dim(0), c = b.x().dim(1), h = b.x().dim(2), w = b.x().dim(3);
            float[] in = b.x().floats(), out = new float[n * c * height * width];
            float[] image = new float[c * h * w];
            for (int i = 0; i < n; i++) {
                System.arraycopy(in, i * image.length, image, 0, image.length);
                float[] r = ImageFiles.resizeBilinear(image, c, h, w, height, width);
                System.arraycopy(r, 0, out, i * r.length, r.length);
            }
            return new Batch(Tensor.of(out, n, c, height, width), b.y());
        };
    }

    /** x * scale + offset (Keras's Rescaling, as a batch function). */
    public static UnaryOperator<Batch> rescale(double scale, double offset) {
        return b -> {
            float[] x = b.x().toFloatArray();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] * scale + offset);
            }
            return new Batch(Tensor.of(x, b.x().shape()), b.y());
        };
    }

    /** An architecture's {@code preprocess_input} on RGB images (N, 3, H, W) in [0, 255]. */
    public static UnaryOperator<Batch> preprocess(Preprocessing mode) {
        return b -> {
            float[] x = b.x().toFloatArray();
            mode.apply(x, b.x().dim(2) * b.x().dim(3));
            return new Batch(Tensor.of(x, b.x().shape()), b.y());
        };
    }

    /** Class-index labels (N) as one-hot rows (N, classes), as Keras's to_categorical. */
    public static UnaryOperator<Batch> oneHot(int classes) {
        return b -> {
            float[] labels = b.y().floats();
            float[] y = new float[labels.length * classes];
            for (int i = 0; i < labels.length; i++) {
                int c = (int) labels[i];
                if (c < 0 || c >= classes || c != labels[i]) {
                    throw new IllegalArgumentException("one-hot: label " + labels[i] + " is not a class index in [0, " + classes + ")");
                }
                y[i * classes + c] = 1;
            }
            return new Batch(b.x(), Tensor.of(y, labels.length, classes));
        };
    }
}
