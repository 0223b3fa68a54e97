package org.conv4j.layers;

import java.util.Map;
import org.conv4j.engine.FillMode;

/**
 * Keras 3's RandomFlip: in training each image, with probability 1/2, is flipped left-right
 * ("horizontal"), top-bottom ("vertical") or both, a half turn ("horizontal_and_vertical", the
 * default: Keras 3 draws one flag for both axes); the identity at inference.
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
        boolean flip = u.uniform(0) < 0.5; // Keras 3: one draw per image, both axes at once for horizontal_and_vertical
        boolean left = !mode.equals("vertical") && flip;
        boolean up = !mode.equals("horizontal") && flip;
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
