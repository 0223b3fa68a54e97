package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/**
 * Keras's RandomFlip: in training each image is flipped left-right ("horizontal"), top-bottom
 * ("vertical") or both independently ("horizontal_and_vertical", the default), each with
 * probability 1/2; the identity at inference.
 */
public class RandomFlip extends ImageTransformLayer {
    private final String mode;

    public RandomFlip() {
        this("horizontal_and_vertical");
    }

    public RandomFlip(String mode) {
        super("nearest", FillMode.NEAREST, 0);
        if (!mode.equals("horizontal") && !mode.equals("vertical") && !mode.equals("horizontal_and_vertical")) {
            throw new IllegalArgumentException("RandomFlip mode '" + mode + "': expected horizontal, vertical or horizontal_and_vertical");
        }
        this.mode = mode;
    }

    @Override
    protected boolean onlyInTraining() {
        return true;
    }

    @Override
    protected boolean isSelfInverse() {
        return true;
    }

    @Override
    protected void transform(int n, int h, int w, Draw u, double[] t, int o) {
        boolean left = !mode.equals("vertical") && u.uniform(0) < 0.5;
        boolean up = !mode.equals("horizontal") && u.uniform(1) < 0.5;
        t[o] = left ? -1 : 1;
        t[o + 2] = left ? w - 1 : 0;
        t[o + 4] = up ? -1 : 1;
        t[o + 5] = up ? h - 1 : 0;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("mode", mode);
        return c;
    }
}
