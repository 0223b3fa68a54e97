package org.conv4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * Keras's Rescaling: y = x * scale + offset, with scale and offset each a number or one value per
 * channel (Keras broadcasts a list over the last, channel, axis: EfficientNet's ImageNet rescaling
 * by 1/sqrt(stddev) per RGB channel). No weights. Backward: dx = dy * scale (written).
 */
public class Rescaling extends Layer {
    private final double[] scale;
    private final double[] offset;
    private Tensor scaleFactors;   // (1, C, 1, 1) or (1, F), when scale is per channel
    private Tensor offsets;        // (C) or (F), when an offset is not 0
    private Tensor y;
    private Tensor dx;

    public Rescaling(double scale) {
        this(new double[] {scale}, new double[] {0});
    }

    public Rescaling(double scale, double offset) {
        this(new double[] {scale}, new double[] {offset});
    }

    /** Per-channel (or single-value) scale and offset, as Keras's lists. */
    public Rescaling(double[] scale, double[] offset) {
        this(null, scale, offset);
    }

    /** For operations that compute as a Rescaling under a name of their own. */
    protected Rescaling(String name, double[] scale, double[] offset) {
        super(name);
        if (scale.length == 0 || offset.length == 0) {
            throw new IllegalArgumentException("Rescaling needs a scale and an offset (numbers or per-channel lists)");
        }
        this.scale = scale.clone();
        this.offset = offset.clone();
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int channels = in[0];
        for (double[] values : List.of(scale, offset)) {
            if (values.length != 1 && values.length != channels) {
                throw new IllegalArgumentException("layer " + name() + " (Rescaling): " + values.length + " values per channel for an input "
                        + kerasShape(in) + " of " + channels + " channels");
            }
        }
        return in.clone();
    }

    @Override
    public void materialize(Backend b, Random rng) {
        super.materialize(b, rng);
        int channels = inputShape()[0];
        int[] factorShape = inputShape().length == 3 ? new int[] {1, channels, 1, 1} : new int[] {1, channels};
        scaleFactors = scale.length == 1 ? null : b.fromDoubles(scale, factorShape);
        boolean anyOffset = Arrays.stream(offset).anyMatch(v -> v != 0);
        offsets = anyOffset ? b.fromDoubles(perChannel(offset, channels), channels) : null;
    }

    private static double[] perChannel(double[] values, int channels) {
        if (values.length == channels) {
            return values;
        }
        double[] out = new double[channels];
        Arrays.fill(out, values[0]);
        return out;
    }

    /** y = x * scale, then y += offset[c]. */
    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        y = reuse(y, x.shape());
        multiplyByScale(x, y);
        if (offsets != null) {
            backend.biasAdd(y, offsets);
        }
        return y;
    }

    /** dx = dy * scale. */
    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, gradOutput.shape());
        multiplyByScale(gradOutput, dx);
        return List.of(dx);
    }

    private void multiplyByScale(Tensor in, Tensor out) {
        if (scaleFactors == null) {
            backend.scale(scale[0], in, out);
        } else {
            backend.multiplyBroadcast(in, scaleFactors, out);
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("scale", scale.length == 1 ? (Object) scale[0] : Arrays.stream(scale).boxed().toList());
        c.put("offset", offset.length == 1 ? (Object) offset[0] : Arrays.stream(offset).boxed().toList());
        return c;
    }
}
