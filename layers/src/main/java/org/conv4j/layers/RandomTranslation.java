package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/**
 * Keras's RandomTranslation: in training each image moves by a fraction of its height and of its
 * width drawn uniformly from height_factor and width_factor (f for [-f, f], or (lower, upper)),
 * Keras's translation matrix (1, 0, -dx, 0, 1, -dy); fill_mode reflect, bilinear; the identity at
 * inference.
 */
public class RandomTranslation extends ImageTransformLayer {
    private final double[] heightFactor;
    private final double[] widthFactor;

    public RandomTranslation(double heightFactor, double widthFactor) {
        this(new double[] {heightFactor}, new double[] {widthFactor}, "reflect", "bilinear", 0);
    }

    public RandomTranslation(double[] heightFactor, double[] widthFactor, String fillMode, String interpolation, double fillValue) {
        super(interpolation, FillMode.of(fillMode), fillValue);
        this.heightFactor = range(heightFactor);
        this.widthFactor = range(widthFactor);
    }

    @Override
    protected boolean onlyInTraining() {
        return true;
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        double dy = (heightFactor[0] + (heightFactor[1] - heightFactor[0]) * u.uniform(0)) * h;
        double dx = (widthFactor[0] + (widthFactor[1] - widthFactor[0]) * u.uniform(1)) * w;
        t[o] = 1;
        t[o + 2] = -dx;
        t[o + 4] = 1;
        t[o + 5] = -dy;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("height_factor", java.util.List.of(heightFactor[0], heightFactor[1]));
        c.put("width_factor", java.util.List.of(widthFactor[0], widthFactor[1]));
        return c;
    }
}
