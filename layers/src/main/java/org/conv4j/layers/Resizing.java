package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/**
 * Keras's Resizing: every image to (height, width), in training and inference, as tf.image.resize
 * (half-pixel centres, no antialiasing): output (x, y) reads the input at ((x + 0.5) W / w - 0.5,
 * (y + 0.5) H / h - 0.5), clamped to the image; bilinear by default, or nearest.
 */
public class Resizing extends ImageTransformLayer {
    private final int height;
    private final int width;

    public Resizing(int height, int width) {
        this(height, width, "bilinear");
    }

    public Resizing(int height, int width, String interpolation) {
        super(interpolation, FillMode.NEAREST, 0);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Resizing needs a positive size, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
    }

    @Override
    protected boolean onlyInTraining() {
        return false;
    }

    @Override
    protected int[] outputSize(int h, int w) {
        return new int[] {height, width};
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        window(0, 0, h, w, height, width, t, o);
    }

    /** The transform that resizes the window (top, left, wh, ww) of an image to (oh, ow) with half-pixel centres. */
    static void window(double top, double left, double wh, double ww, int oh, int ow, double[] t, int o) {
        double sx = ww / ow, sy = wh / oh;
        t[o] = sx;
        t[o + 2] = left + 0.5 * sx - 0.5;
        t[o + 4] = sy;
        t[o + 5] = top + 0.5 * sy - 0.5;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("height", height);
        c.put("width", width);
        return c;
    }
}
