package org.conv4j.layers;

/**
 * Keras's RandomCrop: in training a (height, width) window of each image at a random place (top
 * drawn uniformly from 0 .. H - height, left from 0 .. W - width); at inference, and for an image
 * smaller than the window, Keras's smart_resize: the largest centred window of the target's aspect
 * ratio, resized bilinearly to (height, width).
 */
public class RandomCrop extends SizedImageLayer {
    public RandomCrop(int height, int width) {
        super(height, width, "bilinear");
    }

    @Override
    protected boolean drawsInTraining() {
        return true;
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        if (trainingNow && h >= height && w >= width) {
            int top = (int) Math.floor(u.uniform(0) * (h - height + 1)), left = (int) Math.floor(u.uniform(1) * (w - width + 1));
            window(top, left, height, width, height, width, t, o);
        } else {
            smartResize(h, w, t, o);
        }
    }
}
