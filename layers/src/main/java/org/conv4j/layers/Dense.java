package org.conv4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/**
 * Keras's Dense on (N, F) inputs: y = f(x * kernel^T + bias). Kernel (units, F) (Keras stores
 * (F, units)), bias (units); Glorot-uniform kernel, zero bias.
 *
 * <p>Backward, with z = x W^T + b: dz = dy * f'(z); dW = dz^T x; dbias = sum over rows of dz;
 * dx = dz W. All written.
 */
public class Dense extends Layer {
    private final int units;
    private ActivationFunction activation = ActivationFunction.of("linear");
    private boolean useBias = true;
    private Parameter kernel;
    private Parameter bias;
    private Tensor input;
    private Tensor z;
    private Tensor y;
    private Tensor dz;
    private Tensor dx;

    public Dense(int units) {
        super(null);
        if (units < 1) {
            throw new IllegalArgumentException("Dense needs units >= 1, got " + units);
        }
        this.units = units;
    }

    public Dense(int units, String activation) {
        this(units);
        activation(activation);
    }

    public Dense activation(String name) {
        requireNotBuilt("set activation of");
        activation = ActivationFunction.of(name);
        return this;
    }

    public Dense useBias(boolean use) {
        requireNotBuilt("set use_bias of");
        useBias = use;
        return this;
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 1) {
            throw new IllegalArgumentException("layer " + name() + " (Dense) expects vectors (None, features), got "
                    + kerasShape(in) + ": put a Flatten or GlobalAveragePooling2D before it");
        }
        kernel = addWeight("kernel", new int[] {units, in[0]}, Initializer.glorotUniform(in[0], units), true);
        bias = useBias ? addWeight("bias", new int[] {units}, Initializer.zeros(), true) : null;
        return new int[] {units};
    }

    public Parameter kernel() {
        return kernel;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        input = inputs.get(0);
        int n = input.dim(0);
        z = reuse(z, n, units);
        backend.gemm(false, true, 1, input, kernel.value(), 0, z);
        if (bias != null) {
            backend.biasAdd(z, bias.value());
        }
        if (activation.isLinear()) {
            return z;
        }
        y = reuse(y, n, units);
        activation.forward(backend, z, y);
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        if (activation.isLinear()) {
            return backwardFromLogits(gradOutput);
        }
        dz = reuse(dz, gradOutput.shape());
        activation.backward(backend, z, y, gradOutput, dz);
        return backwardFromLogits(dz);
    }

    @Override
    public List<Tensor> backwardFromLogits(Tensor gradZ) {
        if (kernel.trainsNow()) {
            backend.gemm(true, false, 1, gradZ, input, 0, kernel.grad());
        }
        if (bias != null && bias.trainsNow()) {
            backend.biasGrad(gradZ, bias.grad());
        }
        if (!needInputGradient) {
            return Arrays.asList((Tensor) null);
        }
        dx = reuse(dx, input.shape());
        backend.gemm(false, false, 1, gradZ, kernel.value(), 0, dx);
        return List.of(dx);
    }

    @Override
    public boolean outputsSoftmax() {
        return activation.isSoftmax();
    }

    @Override
    public boolean outputsSigmoid() {
        return activation.isSigmoid();
    }

    @Override
    public Tensor logits() {
        return z;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("units", units);
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        return c;
    }
}
