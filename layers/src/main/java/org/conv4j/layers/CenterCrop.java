package org.conv4j.layers;

/**
 * Keras's CenterCrop: the central (height, width) window of every image, in training and
 * inference (top = (H - height) / 2, left = (W - width) / 2, rounded down); an image smaller than
 * that on a side goes through Keras's smart_resize (the largest centred window of the target's
 * aspect ratio, resized).
 */
public class CenterCrop extends SizedImageLayer {
    public CenterCrop(int height, int width) {
        super(height, width, "bilinear");
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        if (h >= height && w >= width) {
            window((h - height) / 2, (w - width) / 2, height, width, height, width, t, o);
        } else {
            smartResize(h, w, t, o);
        }
    }
}
