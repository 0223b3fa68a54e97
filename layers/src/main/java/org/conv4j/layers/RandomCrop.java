package org.conv4j.layers;

/**
 * Keras's RandomCrop: in training a (height, width) window at a random place, one place for the
 * whole batch as Keras draws it (top uniform in 0 .. H - height, left in 0 .. W - width), when the
 * images are larger than the window on both sides; otherwise, and at inference, Keras's
 * smart_resize: the largest centred window of the target's aspect ratio, resized bilinearly to
 * (height, width). (Keras 3 returns its input unchanged at inference, which has the wrong size for
 * a model built on the crop's; conv4j resizes as Keras 2 did.) Bilinear taps at the window's edge
 * read the pixel beyond it, where Keras's crop-then-resize repeats the edge.
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
    protected boolean drawsPerBatch() {
        return true;
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        if (trainingNow && h > height && w > width) {
            int top = (int) Math.floor(u.uniform(0) * (h - height + 1)), left = (int) Math.floor(u.uniform(1) * (w - width + 1));
            window(top, left, height, width, height, width, t, o);
        } else {
            smartResize(h, w, t, o);
        }
    }
}
