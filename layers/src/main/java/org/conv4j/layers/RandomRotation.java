package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/**
 * Keras's RandomRotation: in training each image turns about its centre by an angle drawn
 * uniformly from factor * 2 pi (factor f for [-f, f], or (lower, upper)), through Keras's rotation
 * matrix (cos, -sin, x offset, sin, cos, y offset) with offsets ((W - 1) - (cos (W - 1) - sin
 * (H - 1))) / 2 and ((H - 1) - (sin (W - 1) + cos (H - 1))) / 2; fill_mode reflect by default,
 * bilinear; the identity at inference.
 */
public class RandomRotation extends ImageTransformLayer {
    private final double[] factor;

    public RandomRotation(double... factor) {
        this(factor, "reflect", "bilinear", 0);
    }

    public RandomRotation(double[] factor, String fillMode, String interpolation, double fillValue) {
        super(interpolation, FillMode.of(fillMode), fillValue);
        this.factor = range(factor);
    }

    @Override
    protected boolean onlyInTraining() {
        return true;
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        double angle = (factor[0] + (factor[1] - factor[0]) * u.uniform(0)) * 2 * Math.PI;
        double cos = Math.cos(angle), sin = Math.sin(angle);
        t[o] = cos;
        t[o + 1] = -sin;
        t[o + 2] = ((w - 1) - (cos * (w - 1) - sin * (h - 1))) / 2;
        t[o + 3] = sin;
        t[o + 4] = cos;
        t[o + 5] = ((h - 1) - (sin * (w - 1) + cos * (h - 1))) / 2;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("factor", java.util.List.of(factor[0], factor[1]));
        return c;
    }
}
