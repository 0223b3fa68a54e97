package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/**
 * Keras's RandomZoom: in training each image is zoomed about its centre by 1 + a factor drawn
 * uniformly from height_factor (f for [-f, f], or (lower, upper); positive zooms out, negative in),
 * the width by the same factor unless width_factor is given; Keras's zoom matrix (zw, 0,
 * (W - 1) / 2 (1 - zw), 0, zh, (H - 1) / 2 (1 - zh)); fill_mode reflect, bilinear; the identity at
 * inference.
 */
public class RandomZoom extends ImageTransformLayer {
    private final double[] heightFactor;
    private final double[] widthFactor;

    public RandomZoom(double... heightFactor) {
        this(heightFactor, null, "reflect", "bilinear", 0);
    }

    public RandomZoom(double[] heightFactor, double[] widthFactor, String fillMode, String interpolation, double fillValue) {
        super(interpolation, FillMode.of(fillMode), fillValue);
        this.heightFactor = range(heightFactor);
        this.widthFactor = widthFactor == null ? null : range(widthFactor);
    }

    @Override
    protected boolean onlyInTraining() {
        return true;
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        double zh = 1 + heightFactor[0] + (heightFactor[1] - heightFactor[0]) * u.uniform(0);
        double zw = widthFactor == null ? zh : 1 + widthFactor[0] + (widthFactor[1] - widthFactor[0]) * u.uniform(1);
        t[o] = zw;
        t[o + 2] = (w - 1) / 2.0 * (1 - zw);
        t[o + 4] = zh;
        t[o + 5] = (h - 1) / 2.0 * (1 - zh);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("height_factor", java.util.List.of(heightFactor[0], heightFactor[1]));
        c.put("width_factor", widthFactor == null ? null : java.util.List.of(widthFactor[0], widthFactor[1]));
        return c;
    }
}
