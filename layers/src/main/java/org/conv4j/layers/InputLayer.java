package org.conv4j.layers;

import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/**
 * Keras's InputLayer: where a functional model's data enters. {@link #input} makes one from a
 * Keras (channels-last) shape and returns its symbolic output.
 */
public class InputLayer extends Layer {
    private final int[] shape;

    /** @param perSampleShape our order: (C, H, W) for images, (F) for vectors */
    public InputLayer(int[] perSampleShape) {
        super(null);
        for (int d : perSampleShape) {
            if (d < 1) {
                throw new IllegalArgumentException("input shape " + kerasShape(perSampleShape) + " has a dimension < 1");
            }
        }
        this.shape = perSampleShape.clone();
        build(List.<int[]>of(shape));
    }

    /** Keras's {@code Input(shape=(H, W, C))} (or {@code (F,)}), channels last as in Keras. */
    public static SymbolicTensor input(int... kerasShape) {
        InputLayer layer = new InputLayer(toChannelsFirst(kerasShape));
        return new SymbolicTensor(layer, List.of(), layer.shape);
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        return shape.clone();
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        return inputs.get(0);
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        return List.of(gradOutput);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        List<Object> batchShape = new java.util.ArrayList<>();
        batchShape.add(null);
        for (int d : toChannelsLast(shape)) {
            batchShape.add(d);
        }
        c.put("batch_shape", batchShape);
        return c;
    }
}
