package org.conv4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/**
 * Keras's Reshape to {@code targetShape} (per sample, channels last as Keras writes it; one entry
 * may be -1). Keras reshapes in channels-last element order; conv4j keeps images channels-first,
 * and the two orders agree when an image has one channel or one position (squeeze-and-excite's
 * (C) to (1, 1, C)). Those reshapes are views here (forward and backward share the numbers); one
 * that would reorder elements, such as (7, 7, 512) to (49, 512), is refused at build with both shapes.
 */
public class Reshape extends Layer {
    private final int[] targetShape;
    private int[] inputBatchShape;

    public Reshape(int... targetShape) {
        super(null);
        this.targetShape = targetShape.clone();
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int size = Tensor.elementCount(in);
        int[] keras = targetShape.clone();
        int unknown = -1, known = 1;
        for (int i = 0; i < keras.length; i++) {
            if (keras[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (keras[i] <= 0) {
                throw new IllegalArgumentException("layer " + name() + " (Reshape): invalid target shape " + Arrays.toString(targetShape)
                        + " (positive sizes and at most one -1)");
            } else {
                known *= keras[i];
            }
        }
        if (unknown >= 0 && size % known == 0) {
            keras[unknown] = size / known;
            known = size;
        }
        if (known != size) {
            throw new IllegalArgumentException("layer " + name() + " (Reshape) cannot reshape " + kerasShape(in) + " (" + size
                    + " values) to " + Arrays.toString(targetShape));
        }
        int[] out = toChannelsFirst(keras);
        if (!sameOrderBothWays(in) || !sameOrderBothWays(out)) {
            throw new IllegalArgumentException("layer " + name() + " (Reshape) from " + kerasShape(in) + " to " + kerasShape(out)
                    + " would reorder values, because conv4j keeps images channels-first; reshapes that keep one channel or one"
                    + " position per image are supported (use Flatten, which the Keras importer permutes for, or pool first)");
        }
        return out;
    }

    /** A per-sample shape whose channels-first and channels-last element orders are one order. */
    private static boolean sameOrderBothWays(int[] shape) {
        return shape.length != 3 || shape[0] == 1 || shape[1] * shape[2] == 1;
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        inputBatchShape = x.shape();
        return x.reshape(batchShape(x.dim(0), outputShape()));
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        return List.of(gradOutput.reshape(inputBatchShape));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("target_shape", Arrays.stream(targetShape).boxed().toList());
        return c;
    }
}
