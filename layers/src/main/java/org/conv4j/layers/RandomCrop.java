package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/**
 * Keras's RandomCrop: in training a (height, width) window of each image at a random place (top
 * drawn uniformly from 0 .. H - height, left from 0 .. W - width); at inference, and for an image
 * smaller than the window, Keras's smart_resize: the largest centred window of the target's aspect
 * ratio, resized bilinearly to (height, width).
 */
public class RandomCrop extends ImageTransformLayer {
    private final int height;
    private final int width;

    public RandomCrop(int height, int width) {
        super("bilinear", FillMode.NEAREST, 0);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("RandomCrop needs a positive size, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
    }

    @Override
    protected boolean onlyInTraining() {
        return false;
    }

    @Override
    protected boolean drawsInTraining() {
        return true;
    }

    @Override
    protected int[] outputSize(int h, int w) {
        return new int[] {height, width};
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        if (trainingNow && h >= height && w >= width) {
            int top = (int) Math.floor(u.uniform(0) * (h - height + 1)), left = (int) Math.floor(u.uniform(1) * (w - width + 1));
            Resizing.window(top, left, height, width, height, width, t, o);
            return;
        }
        int cropH = Math.min(h, (int) ((double) w * height / width)), cropW = Math.min(w, (int) ((double) h * width / height));
        Resizing.window((int) ((h - cropH) / 2.0), (int) ((w - cropW) / 2.0), cropH, cropW, height, width, t, o);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("height", height);
        c.put("width", width);
        return c;
    }
}
