package org.conv4j.layers;

import java.util.List;
import org.conv4j.engine.Tensor;

/**
 * What ReLU and Activation share: y = f(x) on any shape; backward dx = dy * f'(x) (written).
 * When f is softmax or sigmoid a cross-entropy loss fuses with it: the logits are the input.
 */
public abstract class ElementwiseActivation extends Layer {
    private Tensor input;
    private Tensor y;
    private Tensor dx;

    protected ElementwiseActivation() {
        super(null);
    }

    protected abstract ActivationFunction function();

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        function().checkShape(name(), inputShapes.get(0));
        return inputShapes.get(0).clone();
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        y = reuse(y, input.shape());
        function().forward(backend, input, y);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        dx = reuse(dx, input.shape());
        function().backward(backend, input, y, gradOutput, dx);
        return List.of(dx);
    }

    @Override
    public boolean outputsSoftmax() {
        return function().isSoftmax();
    }

    @Override
    public boolean outputsSigmoid() {
        return function().isSigmoid();
    }

    @Override
    public Tensor logits() {
        return input;
    }

    @Override
    public List<Tensor> backwardFromLogits(Tensor gradLogits) {
        return List.of(gradLogits);
    }
}
