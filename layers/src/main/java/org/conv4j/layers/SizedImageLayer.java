package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/** The image layers whose output has a size of its own: Resizing, CenterCrop, RandomCrop. */
public abstract class SizedImageLayer extends ImageTransformLayer {
    protected final int height;
    protected final int width;

    protected SizedImageLayer(int height, int width, String interpolation) {
        super(interpolation, FillMode.NEAREST, 0);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a positive size, got " + height + "x" + width);
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

    /** The transform that resizes the window (top, left, wh, ww) of an image to (oh, ow) with half-pixel centres. */
    static void window(double top, double left, double wh, double ww, int oh, int ow, double[] t, int o) {
        double sx = ww / ow, sy = wh / oh;
        t[o] = sx;
        t[o + 2] = left + 0.5 * sx - 0.5;
        t[o + 4] = sy;
        t[o + 5] = top + 0.5 * sy - 0.5;
    }

    /** Keras's smart_resize of an (h, w) image: the largest centred window of the target's aspect ratio, resized to the target. */
    void smartResize(int h, int w, double[] t, int o) {
        int cropH = Math.max(1, Math.min(h, (int) ((double) w * height / width)));
        int cropW = Math.max(1, Math.min(w, (int) ((double) h * width / height)));
        window((int) ((h - cropH) / 2.0), (int) ((w - cropW) / 2.0), cropH, cropW, height, width, t, o);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("height", height);
        c.put("width", width);
        return c;
    }
}
