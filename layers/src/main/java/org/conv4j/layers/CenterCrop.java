package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/**
 * Keras's CenterCrop: the central (height, width) window of every image, in training and
 * inference (top = (H - height) / 2, left = (W - width) / 2, rounded down); an image smaller than
 * that on a side is first cropped to the target's aspect ratio and resized, as Keras's
 * smart_resize does.
 */
public class CenterCrop extends ImageTransformLayer {
    private final int height;
    private final int width;

    public CenterCrop(int height, int width) {
        super("bilinear", FillMode.NEAREST, 0);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("CenterCrop needs a positive size, got " + height + "x" + width);
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
        if (h >= height && w >= width) {
            Resizing.window((h - height) / 2, (w - width) / 2, height, width, height, width, t, o);
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
