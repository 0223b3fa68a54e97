package org.conv4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.conv4j.engine.ConvSpec;
import org.conv4j.engine.Tensor;

/**
 * What Conv2D and DepthwiseConv2D share: z = conv(x, kernel) + bias with strides, dilation,
 * 'valid' or TensorFlow 'same' padding, then the optional activation of {@link ActivatedLayer}; the
 * subclasses say how many groups and filters there are. Glorot-uniform kernel, zero bias, like Keras.
 *
 * <p>Backward from dz: dbias = sum of dz over N, H, W; dkernel = backward-filter(x, dz);
 * dx = backward-data(dz, kernel). All written, none accumulated.
 *
 * @param <T> the concrete layer, so that the fluent setters return it
 */
public abstract class ConvolutionLayer<T extends ConvolutionLayer<T>> extends ActivatedLayer {
    private final int kernelH;
    private final int kernelW;
    private int strideH = 1;
    private int strideW = 1;
    private int dilationH = 1;
    private int dilationW = 1;
    private Padding padding = Padding.VALID;
    private boolean useBias = true;

    private Parameter kernel;
    private Parameter bias;
    private ConvSpec spec;
    private Tensor input;
    private Tensor dx;
    private Tensor foldedKernel;
    private Tensor foldedBias;
    private Tensor kernelScale;

    protected ConvolutionLayer(int kernelH, int kernelW) {
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException(className() + " needs a kernel of at least 1x1, got " + kernelH + "x" + kernelW);
        }
        this.kernelH = kernelH;
        this.kernelW = kernelW;
    }

    /** Output channels for {@code inChannels} input channels. */
    protected abstract int outChannels(int inChannels);

    /** Convolution groups: 1 for Conv2D, the input channels for DepthwiseConv2D. */
    protected abstract int groups(int inChannels);

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    public T strides(int s) {
        return strides(s, s);
    }

    public T strides(int sh, int sw) {
        requireNotBuilt("set strides of");
        strideH = sh;
        strideW = sw;
        return self();
    }

    public T dilation(int d) {
        return dilation(d, d);
    }

    public T dilation(int dh, int dw) {
        requireNotBuilt("set dilation of");
        if (dh < 1 || dw < 1) {
            throw new IllegalArgumentException(className() + " dilation must be >= 1, got " + dh + "x" + dw);
        }
        dilationH = dh;
        dilationW = dw;
        return self();
    }

    public T padding(String mode) {
        requireNotBuilt("set padding of");
        padding = Padding.of(mode);
        return self();
    }

    public T activation(String name) {
        setActivation(name);
        return self();
    }

    /** Keras's kernel_regularizer: {@code Regularizer.l2(0.01)}. */
    @SuppressWarnings("unchecked")
    public T kernelRegularizer(Regularizer r) {
        setKernelRegularizer(r);
        return (T) this;
    }

    public T useBias(boolean use) {
        requireNotBuilt("set use_bias of");
        useBias = use;
        return self();
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 3) {
            throw new IllegalArgumentException("layer " + name() + " (" + className() + ") expects images (None, H, W, C), got "
                    + kerasShape(in));
        }
        int c = in[0], h = in[1], w = in[2];
        spec = padding == Padding.SAME
                ? ConvSpec.same(h, w, kernelH, kernelW, strideH, strideW, dilationH, dilationW, groups(c))
                : ConvSpec.valid(strideH, strideW, dilationH, dilationW, groups(c));
        int oh = spec.outH(h, kernelH), ow = spec.outW(w, kernelW);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("layer " + name() + ": a " + kernelH + "x" + kernelW
                    + " kernel does not fit input " + kerasShape(in) + " with padding '" + padding.kerasName() + "'");
        }
        int filters = outChannels(c);
        int[] out = {filters, oh, ow};
        activation().checkShape(name(), out);
        int receptive = kernelH * kernelW;
        int inPerGroup = c / groups(c);
        // Keras's fans: receptive field times the input channels, and times the filters per group
        // (Keras's depthwise kernel (KH, KW, C, M) has fan_out KH*KW*M).
        kernel = addKernel(kernelName(), new int[] {filters, inPerGroup, kernelH, kernelW},
                Initializer.glorotUniform(receptive * c, receptive * (filters / groups(c))));
        bias = useBias ? addWeight("bias", new int[] {filters}, Initializer.zeros(), true) : null;
        return out;
    }

    /** Keras's weight name for the kernel. */
    protected String kernelName() {
        return "kernel";
    }

    public Parameter kernel() {
        return kernel;
    }

    public Parameter bias() {
        return bias;
    }

    public ConvSpec spec() {
        return spec;
    }

    @Override
    protected void affineForward(Tensor in, Tensor zOut) {
        input = in;
        backend.conv2dForward(in, kernel.value(), bias == null ? null : bias.value(), zOut, spec);
    }

    /**
     * Inference through this convolution, the BatchNormalization {@code bn} that reads its output
     * (null for none) and the activation {@code f} after them, in one backend op: the normalization's
     * per-channel affine map (inference mode) folds into the kernel and bias, kernel' = kernel *
     * scale[co] and bias' = bias * scale + shift, and f is applied as the convolution writes. The
     * layer's own activation must be linear when bn is given (else f is it). Writes the output into
     * the buffer of z and returns it; no backward may follow (the input is not kept).
     */
    Tensor forwardFused(Tensor in, BatchNormalization bn, ActivationFunction f) {
        Tensor out = affineBuffer(in.dim(0));
        Tensor w = kernel.value();
        Tensor b = bias == null ? null : bias.value();
        if (bn != null) {
            BatchNormalization.ChannelAffine affine = bn.inferenceAffine();
            int filters = w.dim(0);
            double[] shift = affine.shift().clone();
            if (b != null) {
                double[] own = b.toDoubleArray();
                for (int co = 0; co < filters; co++) {
                    shift[co] += own[co] * affine.scale()[co];
                }
            }
            kernelScale = reuse(kernelScale, filters, 1, 1, 1);
            kernelScale.copyFrom(Tensor.of(affine.scale(), filters, 1, 1, 1));
            foldedKernel = reuse(foldedKernel, w.shape());
            backend.multiplyBroadcast(w, kernelScale, foldedKernel);
            foldedBias = reuse(foldedBias, filters);
            foldedBias.copyFrom(Tensor.of(shift, filters));
            w = foldedKernel;
            b = foldedBias;
        }
        backend.conv2dForwardActivation(in, w, b, f.elementwise(), f.maxValue(), out, spec);
        return out;
    }

    @Override
    protected List<Tensor> affineBackward(Tensor gradZ) {
        if (kernel.trainsNow()) {
            backend.conv2dBackwardFilter(input, gradZ, kernel.grad(), spec);
        }
        if (bias != null && bias.trainsNow()) {
            backend.biasGrad(gradZ, bias.grad());
        }
        if (!needInputGradient) {
            return Arrays.asList((Tensor) null);
        }
        dx = reuse(dx, input.shape());
        backend.conv2dBackwardData(gradZ, kernel.value(), dx, spec);
        return List.of(dx);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("kernel_size", List.of(kernelH, kernelW));
        c.put("strides", List.of(strideH, strideW));
        c.put("padding", padding.kerasName());
        c.put("dilation_rate", List.of(dilationH, dilationW));
        c.put("activation", activation().name());
        c.put("use_bias", useBias);
        putKernelRegularizer(c);
        return c;
    }
}
