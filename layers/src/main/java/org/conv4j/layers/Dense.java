package org.conv4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;

/**
 * Keras's Dense on (N, F) inputs: z = x * kernel^T + bias, then the optional activation of
 * {@link ActivatedLayer}. Kernel (units, F) (Keras stores (F, units)), bias (units);
 * Glorot-uniform kernel, zero bias.
 *
 * <p>Backward from dz: dW = dz^T x; dbias = sum over rows of dz; dx = dz W. All written.
 */
public class Dense extends ActivatedLayer {
    private final int units;
    private boolean useBias = true;
    private Parameter kernel;
    private Parameter bias;
    private Tensor input;
    private Tensor dx;

    public Dense(int units) {
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
        setActivation(name);
        return this;
    }

    /** Keras's kernel_regularizer: {@code Regularizer.l2(0.01)}. */
    public Dense kernelRegularizer(Regularizer r) {
        setKernelRegularizer(r);
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
        kernel = addKernel("kernel", new int[] {units, in[0]}, Initializer.glorotUniform(in[0], units));
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
    protected void affineForward(Tensor in, Tensor zOut) {
        input = in;
        backend.gemm(false, true, 1, in, kernel.value(), 0, zOut);
        if (bias != null) {
            backend.biasAdd(zOut, bias.value());
        }
    }

    @Override
    protected List<Tensor> affineBackward(Tensor gradZ) {
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
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("units", units);
        c.put("activation", activation().name());
        c.put("use_bias", useBias);
        putKernelRegularizer(c);
        return c;
    }
}
