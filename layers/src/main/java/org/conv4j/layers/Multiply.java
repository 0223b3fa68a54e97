package org.conv4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.conv4j.engine.Tensor;

/**
 * Keras's Multiply: y = x1 * x2 * ... elementwise. Inputs of one shape, or two inputs where one is
 * 1 on some axes and broadcasts over the other as NumPy does (squeeze-and-excite: (C, 1, 1) per
 * sample over (C, H, W), that is (1, 1, C) over (H, W, C) in Keras's order).
 *
 * <p>Backward (written): dxi = dy * (the product of the other inputs); a broadcast input gets
 * dy * x summed over the axes it broadcasts along.
 */
public class Multiply extends Layer {
    private List<Tensor> inputs;
    private int broadcastInput = -1;
    private Tensor y;
    private final List<Tensor> grads = new ArrayList<>();

    public Multiply() {
        super(null);
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        if (inputShapes.size() < 2) {
            throw new IllegalArgumentException("layer " + name() + " (Multiply) needs at least 2 inputs, got " + inputShapes.size());
        }
        int[] first = inputShapes.get(0);
        boolean same = inputShapes.stream().allMatch(s -> Arrays.equals(s, first));
        if (same) {
            return first.clone();
        }
        int[] a = first, b = inputShapes.get(1);
        if (inputShapes.size() == 2 && a.length == b.length) {
            if (broadcastsOver(b, a)) {
                broadcastInput = 1;
                return a.clone();
            }
            if (broadcastsOver(a, b)) {
                broadcastInput = 0;
                return b.clone();
            }
        }
        StringBuilder shapes = new StringBuilder();
        for (int[] s : inputShapes) {
            shapes.append(shapes.length() == 0 ? "" : " and ").append(kerasShape(s));
        }
        throw new IllegalArgumentException("layer " + name() + " (Multiply) cannot multiply " + shapes
                + ": inputs must have one shape, or two where one is 1 on the axes outside one run of its leading axes"
                + " (such as (1, 1, C) over (H, W, C))");
    }

    /**
     * True when per-sample shape {@code small} broadcasts over {@code big} in a form the backends
     * compute: with the batch axis in front, its non-1 axes form one run equal to big's.
     */
    private static boolean broadcastsOver(int[] small, int[] big) {
        boolean ended = false;
        for (int i = 0; i < small.length; i++) {
            if (small[i] == big[i] && !ended) {
                continue;
            }
            if (small[i] != 1) {
                return false;
            }
            ended = true;
        }
        return true;
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        this.inputs = inputs;
        if (broadcastInput >= 0) {
            Tensor big = inputs.get(1 - broadcastInput), small = inputs.get(broadcastInput);
            y = reuse(y, big.shape());
            backend.multiplyBroadcast(big, small, y);
            return y;
        }
        y = reuse(y, inputs.get(0).shape());
        backend.multiply(inputs.get(0), inputs.get(1), y);
        for (int i = 2; i < inputs.size(); i++) {
            backend.multiply(y, inputs.get(i), y);
        }
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        while (grads.size() < inputs.size()) {
            grads.add(null);
        }
        if (broadcastInput >= 0) {
            int b = broadcastInput, other = 1 - b;
            Tensor big = inputs.get(other), small = inputs.get(b);
            grads.set(other, reuse(grads.get(other), big.shape()));
            backend.multiplyBroadcast(gradOutput, small, grads.get(other));  // d big = dy * small
            grads.set(b, reuse(grads.get(b), small.shape()));
            backend.multiplyBroadcastGrad(gradOutput, big, grads.get(b));    // d small = sum of dy * big
            return List.copyOf(grads);
        }
        for (int i = 0; i < inputs.size(); i++) {
            Tensor g = reuse(grads.get(i), gradOutput.shape());
            backend.copy(gradOutput, g);
            for (int j = 0; j < inputs.size(); j++) {
                if (j != i) {
                    backend.multiply(g, inputs.get(j), g);
                }
            }
            grads.set(i, g);
        }
        return List.copyOf(grads);
    }
}
