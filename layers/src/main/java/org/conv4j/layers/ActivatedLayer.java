package org.conv4j.layers;

import java.util.List;
import org.conv4j.engine.Tensor;

/**
 * What Conv2D, DepthwiseConv2D and Dense share: an affine part z = W x + b (the subclass) followed
 * by an optional fused activation y = f(z) (here). Backward: dz = dy * f'(z), then the subclass's
 * {@link #affineBackward} writes the weight gradients and returns dx. With a softmax or sigmoid
 * activation a cross-entropy loss starts from dz directly ({@link #backwardFromLogits}).
 */
public abstract class ActivatedLayer extends Layer {
    private ActivationFunction activation = ActivationFunction.of("linear");
    private Regularizer kernelRegularizer;
    private Tensor z;
    private Tensor y;
    private Tensor dz;

    protected ActivatedLayer() {
        super(null);
    }

    protected void setActivation(String name) {
        requireNotBuilt("set activation of");
        activation = ActivationFunction.of(name);
    }

    protected ActivationFunction activation() {
        return activation;
    }

    /** Keras's kernel_regularizer (L2), set before building; the kernel gets it when declared. */
    protected void setKernelRegularizer(Regularizer r) {
        requireNotBuilt("set the kernel regularizer of");
        kernelRegularizer = r;
    }

    protected Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /** Declares the kernel weight with the layer's regularizer. */
    protected Parameter addKernel(String weightName, int[] shape, Initializer init) {
        Parameter p = addWeight(weightName, shape, init, true);
        p.setRegularizer(kernelRegularizer);
        return p;
    }

    /** Adds "kernel_regularizer" to a config: Keras's serialization, or null. */
    protected void putKernelRegularizer(java.util.Map<String, Object> c) {
        c.put("kernel_regularizer", kernelRegularizer == null ? null : kernelRegularizer.config());
    }

    /** Writes z = the affine part of {@code input}; z has the layer's output shape for this batch. */
    protected abstract void affineForward(Tensor input, Tensor zOut);

    /** Writes the weight gradients for dL/dz = {@code gradZ}; returns dx (null entries when not needed). */
    protected abstract List<Tensor> affineBackward(Tensor gradZ);

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        Tensor input = inputs.get(0);
        int[] outShape = batchShape(input.dim(0), outputShape());
        affineForward(input, affineBuffer(input.dim(0)));
        if (activation.isLinear()) {
            return z;
        }
        // ReLU's backward needs only its output: overwrite z in place and save a pass over memory.
        y = activation.derivativeFromOutput() ? z : reuse(y, outShape);
        activation.forward(backend, z, y);
        return y;
    }

    /**
     * The buffer of z for a batch of {@code batch}, which a fused inference ({@link
     * ConvolutionLayer#forwardFused}) writes its output to: after it no backward runs, so z is free.
     */
    protected Tensor affineBuffer(int batch) {
        z = reuse(z, batchShape(batch, outputShape()));
        return z;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        if (activation.isLinear()) {
            return affineBackward(gradOutput);
        }
        dz = reuse(dz, gradOutput.shape());
        activation.backward(backend, activation.derivativeFromOutput() ? y : z, y, gradOutput, dz);
        return affineBackward(dz);
    }

    @Override
    public List<Tensor> backwardFromLogits(Tensor gradLogits) {
        return affineBackward(gradLogits);
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
}
