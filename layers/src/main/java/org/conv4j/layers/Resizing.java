package org.conv4j.layers;

/**
 * Keras's Resizing: every image to (height, width), in training and inference, as tf.image.resize
 * (half-pixel centres, no antialiasing): output (x, y) reads the input at ((x + 0.5) W / w - 0.5,
 * (y + 0.5) H / h - 0.5), clamped to the image; bilinear by default, or nearest.
 */
public class Resizing extends SizedImageLayer {
    public Resizing(int height, int width) {
        this(height, width, "bilinear");
    }

    public Resizing(int height, int width, String interpolation) {
        super(height, width, interpolation);
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        window(0, 0, h, w, height, width, t, o);
    }
}
