package org.conv4j.engine.cuda;

import java.lang.ref.Reference;
import org.conv4j.engine.Activation;
import org.conv4j.engine.Backend;
import org.conv4j.engine.ConvSpec;
import org.conv4j.engine.DType;
import org.conv4j.engine.FillMode;
import org.conv4j.engine.OpShapes;
import org.conv4j.engine.PoolSpec;
import org.conv4j.engine.ReferenceOps;
import org.conv4j.engine.ReferenceOps.ConvShape;
import org.conv4j.engine.Tensor;

/**
 * The NVIDIA GPU backend, float32: GEMM through cuBLAS, convolutions through cuDNN ({@link Cudnn}),
 * everything else through conv4j's own kernels (the {@code kernels} module, compiled with NVRTC):
 * batch normalization and pooling too, because Keras's semantics (biased batch variance handed
 * back to the layer; averages that exclude padding; four-sided padding) are what the layers need
 * and the kernels state them in a few lines. Every op computes what its {@link ReferenceOps} twin
 * computes; the gpu-tagged tests hold it to that.
 *
 * <p>All work is queued on one stream and nothing waits for the GPU except reading a number back
 * ({@link #sum}, the losses, {@link Tensor#toFloatArray()}). Temporary buffers (explicit padding,
 * per-row losses) come from the caching allocator and go back to it as soon as their work is
 * queued: later work on the same stream cannot overtake it.
 *
 * <p>Tensors of this backend live on the GPU; {@link #zeros} and {@link #fromFloats} make them.
 * Not thread-safe, like every backend.
 */
public final class CudaBackend implements Backend {
    private final CudaDevice device;
    private final CudaKernels kernels;
    private final Cublas cublas;
    private final Cudnn cudnn;
    private final boolean tf32;

    private CudaBackend(int deviceId, boolean tf32) {
        this.device = new CudaDevice(deviceId);
        this.kernels = new CudaKernels(device);
        this.cublas = new Cublas(device, tf32);
        this.cudnn = new Cudnn(device, tf32);
        this.tf32 = tf32;
    }

    /** The backend on GPU 0 in full float32 precision (no TF32 rounding on tensor cores). */
    public static CudaBackend create() {
        return create(0, false);
    }

    /**
     * The backend on GPU {@code deviceId}; {@code tf32} lets cuBLAS and cuDNN round inputs to TF32 on
     * tensor cores (Ampere and newer: faster, about 1e-3 relative error, like TensorFlow's default).
     * Throws an {@link IllegalStateException} naming what is missing when the GPU path cannot run.
     */
    public static CudaBackend create(int deviceId, boolean tf32) {
        CudaLibraries.require();
        int count = Cuda.deviceCount();
        if (deviceId < 0 || deviceId >= count) {
            throw new IllegalArgumentException("no GPU " + deviceId + ": this machine has " + count + " (0 to " + (count - 1) + ")");
        }
        return new CudaBackend(deviceId, tf32);
    }

    @Override
    public String name() {
        return device.name;
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    /** The GPU's streaming multiprocessors. */
    @Override
    public int threads() {
        return device.multiprocessors;
    }

    @Override
    public void synchronize() {
        device.synchronize();
    }

    /** Device, memory and library versions, one fact a line, for {@code conv4j info} and reports. */
    public String describe() {
        device.bind();
        long[] memory = Cuda.memoryInfo();
        return String.join("\n",
                "device:  " + device.name + " " + Cuda.deviceName(device.id) + ", compute capability " + device.computeMajor + "."
                        + device.computeMinor + ", " + device.multiprocessors + " multiprocessors",
                "memory:  " + CachingAllocator.mib(memory[0]) + " free of " + CachingAllocator.mib(memory[1]),
                "driver:  CUDA " + Cuda.version(Cuda.driverVersion()) + " (highest the driver supports)",
                "runtime: CUDA " + Cuda.version(Cuda.runtimeVersion()) + ", cuBLAS " + cublas.version() + ", cuDNN "
                        + Cudnn.version() + ", NVRTC " + Nvrtc.version(),
                "math:    " + (tf32 ? "TF32 tensor cores allowed" : "full float32 (no TF32)"));
    }

    /** The device's allocator (its statistics, for tests). */
    CachingAllocator allocator() {
        return device.allocator;
    }

    // ---------------------------------------------------------------- tensors

    @Override
    public Tensor zeros(int... shape) {
        Tensor t = allocate(shape);
        device.zero(address(t), 4L * t.size());
        return t;
    }

    /** A tensor with unspecified contents, for outputs an op overwrites whole. */
    private Tensor allocate(int... shape) {
        return Tensor.onDevice(device.allocate(Tensor.elementCount(shape)), shape);
    }

    @Override
    public Tensor fromFloats(float[] values, int... shape) {
        Tensor t = allocate(shape);
        t.storage().upload(values);
        return t;
    }

    @Override
    public Tensor fromDoubles(double[] values, int... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return fromFloats(f, shape);
    }

    private long address(Tensor t) {
        return CudaStorage.addressOf(t, device);
    }

    // ---------------------------------------------------------------- matrices

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        int[] mnk = OpShapes.gemm(transA, transB, a, b, c);
        cublas.gemmRowMajor(transA, transB, mnk[0], mnk[1], mnk[2], alpha, address(a), a.dim(1), address(b), b.dim(1),
                beta, address(c));
    }

    // ---------------------------------------------------------------- convolution

    @Override
    public void conv2dForward(Tensor x, Tensor w, Tensor bias, Tensor y, ConvSpec spec) {
        ConvShape s = OpShapes.conv(x, w, y, spec);
        Cudnn.Plan p = cudnn.plan(s, spec);
        if (p.explicitPadding) {
            try (Tensor padded = padded(x, p, spec)) {
                cudnn.forward(p, address(padded), address(w), address(y));
            }
        } else {
            cudnn.forward(p, address(x), address(w), address(y));
        }
        if (bias != null) {
            biasAdd(y, bias);
        }
        keepAlive(x, w, y);
    }

    @Override
    public void conv2dBackwardData(Tensor dy, Tensor w, Tensor dx, ConvSpec spec) {
        ConvShape s = OpShapes.conv(dx, w, dy, spec);
        Cudnn.Plan p = cudnn.plan(s, spec);
        if (p.explicitPadding) {
            try (Tensor padded = allocate(s.n(), s.c(), p.paddedH, p.paddedW)) {
                cudnn.backwardData(p, address(dy), address(w), address(padded));
                crop2d(padded, dx, spec.padTop(), spec.padLeft());
            }
        } else {
            cudnn.backwardData(p, address(dy), address(w), address(dx));
        }
        keepAlive(dy, w, dx);
    }

    @Override
    public void conv2dBackwardFilter(Tensor x, Tensor dy, Tensor dw, ConvSpec spec) {
        ConvShape s = OpShapes.conv(x, dw, dy, spec);
        Cudnn.Plan p = cudnn.plan(s, spec);
        if (p.explicitPadding) {
            try (Tensor padded = padded(x, p, spec)) {
                cudnn.backwardFilter(p, address(padded), address(dy), address(dw));
            }
        } else {
            cudnn.backwardFilter(p, address(x), address(dy), address(dw));
        }
        keepAlive(x, dy, dw);
    }

    /**
     * Keeps the caller's tensors reachable until here. A cuDNN call receives raw addresses and then
     * allocates (search scratch, workspace); were a tensor already unreachable, its cleaner could
     * hand its block to that allocation before the convolution that reads it is queued.
     */
    private static void keepAlive(Tensor a, Tensor b, Tensor c) {
        Reference.reachabilityFence(a);
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(c);
    }

    /** x with the spec's four-sided zero padding made explicit, for a plan that pads explicitly. */
    private Tensor padded(Tensor x, Cudnn.Plan p, ConvSpec spec) {
        Tensor padded = allocate(x.dim(0), x.dim(1), p.paddedH, p.paddedW);
        pad2d(x, padded, spec.padTop(), spec.padLeft());
        return padded;
    }

    @Override
    public void biasAdd(Tensor y, Tensor bias) {
        int[] s = OpShapes.channels(y, bias);
        long n = y.size();
        kernels.elementwise("bias_add", n).ptr(y).ptr(bias).i32(s[1]).i32(s[2]).i64(n).go();
    }

    @Override
    public void biasGrad(Tensor dy, Tensor dbias) {
        int[] s = OpShapes.channels(dy, dbias);
        kernels.launch("bias_grad", s[1], 256).ptr(dy).ptr(dbias).i32(s[0]).i32(s[1]).i32(s[2]).go();
    }

    // ---------------------------------------------------------------- batch normalization

    @Override
    public void batchNormTraining(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor y, Tensor mean, Tensor var) {
        int[] s = OpShapes.channels(x, gamma);
        OpShapes.sameSize(x, y);
        kernels.launch("batch_norm_statistics", s[1], 256).ptr(x).ptr(mean).ptr(var).i32(s[0]).i32(s[1]).i32(s[2]).go();
        batchNormInference(x, gamma, beta, mean, var, eps, y);
    }

    @Override
    public void batchNormInference(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps, Tensor y) {
        int[] s = OpShapes.channels(x, gamma);
        OpShapes.sameSize(x, y);
        long n = x.size();
        kernels.elementwise("batch_norm_apply", n).ptr(x).ptr(gamma).ptr(beta).ptr(mean).ptr(var).f64(eps).ptr(y)
                .i32(s[1]).i32(s[2]).i64(n).go();
    }

    @Override
    public void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps,
                                  Tensor dx, Tensor dgamma, Tensor dbeta) {
        int[] s = OpShapes.channels(x, gamma);
        batchNormWeightGrads(x, dy, mean, var, eps, dgamma, dbeta, s);
        long n = x.size();
        kernels.elementwise("batch_norm_backward_data", n).ptr(x).ptr(dy).ptr(gamma).ptr(mean).ptr(var).f64(eps)
                .ptr(dgamma).ptr(dbeta).ptr(dx).i32(s[0]).i32(s[1]).i32(s[2]).i64(n).go();
    }

    @Override
    public void batchNormBackwardInference(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps,
                                           Tensor dx, Tensor dgamma, Tensor dbeta) {
        int[] s = OpShapes.channels(dy, gamma);
        if (dgamma != null) {
            batchNormWeightGrads(x, dy, mean, var, eps, dgamma, dbeta, s);  // before dx, which may overwrite dy
        }
        long n = dy.size();
        kernels.elementwise("batch_norm_backward_inference", n).ptr(dy).ptr(gamma).ptr(var).f64(eps).ptr(dx)
                .i32(s[1]).i32(s[2]).i64(n).go();
    }

    private void batchNormWeightGrads(Tensor x, Tensor dy, Tensor mean, Tensor var, double eps, Tensor dgamma, Tensor dbeta, int[] s) {
        kernels.launch("batch_norm_weight_grads", s[1], 256).ptr(x).ptr(dy).ptr(mean).ptr(var).f64(eps).ptr(dgamma).ptr(dbeta)
                .i32(s[0]).i32(s[1]).i32(s[2]).go();
    }

    // ---------------------------------------------------------------- pooling

    @Override
    public void maxPool2dForward(Tensor x, Tensor y, PoolSpec spec) {
        int[] s = OpShapes.pool(x, y, spec);
        poolGeometry(kernels.elementwise("max_pool_forward", y.size()).ptr(x).ptr(y), s, spec).go();
    }

    @Override
    public void maxPool2dBackward(Tensor x, Tensor dy, Tensor dx, PoolSpec spec) {
        int[] s = OpShapes.pool(x, dy, spec);
        OpShapes.sameSize(x, dx);
        poolGeometry(kernels.elementwise("max_pool_backward", dx.size()).ptr(x).ptr(dy).ptr(dx), s, spec).go();
    }

    @Override
    public void avgPool2dForward(Tensor x, Tensor y, PoolSpec spec) {
        int[] s = OpShapes.pool(x, y, spec);
        poolGeometry(kernels.elementwise("avg_pool_forward", y.size()).ptr(x).ptr(y), s, spec).go();
    }

    @Override
    public void avgPool2dBackward(Tensor dy, Tensor dx, PoolSpec spec) {
        int[] s = OpShapes.pool(dx, dy, spec);
        poolGeometry(kernels.elementwise("avg_pool_backward", dx.size()).ptr(dy).ptr(dx), s, spec).go();
    }

    /** The pooling kernels' arguments after the tensors: planes, h, w, oh, ow, window, strides, top, left. */
    private static CudaKernels.Launch poolGeometry(CudaKernels.Launch launch, int[] s, PoolSpec spec) {
        return launch.i64(s[0]).i32(s[1]).i32(s[2]).i32(s[3]).i32(s[4]).i32(spec.poolH()).i32(spec.poolW())
                .i32(spec.strideH()).i32(spec.strideW()).i32(spec.padTop()).i32(spec.padLeft());
    }

    @Override
    public void globalAvgPoolForward(Tensor x, Tensor y) {
        OpShapes.require(x.rank() == 4 && y.hasShape(x.dim(0), x.dim(1)), "global average pooling maps (N,C,H,W) to (N,C), got "
                + x.shapeString() + " -> " + y.shapeString());
        kernels.launch("global_avg_pool_forward", x.dim(0) * x.dim(1), 256).ptr(x).ptr(y).i32(x.dim(2) * x.dim(3)).go();
    }

    @Override
    public void globalAvgPoolBackward(Tensor dy, Tensor dx) {
        OpShapes.require(dx.rank() == 4 && dy.hasShape(dx.dim(0), dx.dim(1)), "global average pooling backward maps (N,C) to (N,C,H,W), got "
                + dy.shapeString() + " -> " + dx.shapeString());
        long n = dx.size();
        kernels.elementwise("global_avg_pool_backward", n).ptr(dy).ptr(dx).i64((long) dx.dim(0) * dx.dim(1))
                .i32(dx.dim(2) * dx.dim(3)).go();
    }

    // ---------------------------------------------------------------- activations

    @Override
    public void imageTransform(Tensor x, Tensor transforms, boolean bilinear, FillMode fill, double fillValue, Tensor y) {
        int[] s = OpShapes.imageTransform(x, transforms, y);
        long n = y.size();
        kernels.elementwise("image_transform", n).ptr(x).ptr(transforms).ptr(y).i32(s[1]).i32(s[2]).i32(s[3]).i32(s[4]).i32(s[5])
                .i32(bilinear ? 1 : 0).i32(fill.ordinal()).f32(fillValue).i64(n).go();
    }

    /** The kernels' activation codes (activations.cu). */
    private static int kind(Activation f) {
        switch (f) {
            case LINEAR: return 0;
            case RELU: return 1;
            case SIGMOID: return 2;
            case TANH: return 3;
            case SWISH: return 4;
            case HARD_SIGMOID: return 5;
            case HARD_SWISH: return 6;
            default: throw new IllegalArgumentException("no GPU kernel for activation " + f);
        }
    }

    @Override
    public void activationForward(Activation f, double maxValue, Tensor x, Tensor y) {
        OpShapes.sameSize(x, y);
        long n = x.size();
        kernels.elementwise("activation_forward", n).i32(kind(f)).f32(maxValue).ptr(x).ptr(y).i64(n).go();
    }

    @Override
    public void activationBackward(Activation f, double maxValue, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        OpShapes.sameSize(dy, dx);
        long n = dy.size();
        kernels.elementwise("activation_backward", n).i32(kind(f)).f32(maxValue).ptr(x).ptr(y).ptr(dy).ptr(dx).i64(n).go();
    }

    @Override
    public void softmaxForward(Tensor x, Tensor y) {
        OpShapes.sameSize(x, y);
        int rows = x.dim(0), k = x.size() / rows;
        kernels.perRow("softmax_forward", rows).ptr(x).ptr(y).i32(rows).i32(k).go();
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        OpShapes.sameSize(y, dy);
        OpShapes.sameSize(y, dx);
        int rows = y.dim(0), k = y.size() / rows;
        kernels.perRow("softmax_backward", rows).ptr(y).ptr(dy).ptr(dx).i32(rows).i32(k).go();
    }

    // ---------------------------------------------------------------- dropout

    @Override
    public void dropoutMask(Tensor mask, double rate, long seed) {
        long n = mask.size();
        kernels.elementwise("dropout_mask", n).ptr(mask).f64(rate).i64(seed).i64(n).go();
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        binary("add", a, b, out);
    }

    @Override
    public void multiply(Tensor a, Tensor b, Tensor out) {
        binary("multiply", a, b, out);
    }

    @Override
    public void multiplyBroadcast(Tensor x, Tensor s, Tensor out) {
        int[] b = OpShapes.broadcast(x, s);
        OpShapes.sameSize(x, out);
        long n = x.size();
        kernels.elementwise("multiply_broadcast", n).ptr(x).ptr(s).ptr(out).i32(b[1]).i32(b[2]).i64(n).go();
    }

    @Override
    public void multiplyBroadcastGrad(Tensor dy, Tensor x, Tensor ds) {
        int[] b = OpShapes.broadcast(x, ds);
        OpShapes.sameSize(x, dy);
        kernels.launch("multiply_broadcast_grad", b[1], 256).ptr(dy).ptr(x).ptr(ds).i32(b[0]).i32(b[1]).i32(b[2]).go();
    }

    /** out = kernel(a, b) elementwise, for the kernels of signature (a, b, out, n). */
    private void binary(String kernel, Tensor a, Tensor b, Tensor out) {
        OpShapes.sameSize(a, b);
        OpShapes.sameSize(a, out);
        long n = a.size();
        kernels.elementwise(kernel, n).ptr(a).ptr(b).ptr(out).i64(n).go();
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        OpShapes.sameSize(x, y);
        long n = x.size();
        kernels.elementwise("axpy", n).f32(alpha).ptr(x).ptr(y).i64(n).go();
    }

    @Override
    public void scale(double alpha, Tensor x, Tensor out) {
        OpShapes.sameSize(x, out);
        long n = x.size();
        kernels.elementwise("scale", n).f32(alpha).ptr(x).ptr(out).i64(n).go();
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        OpShapes.sameSize(src, dst);
        device.copy(address(dst), address(src), 4L * src.size());
    }

    @Override
    public void fill(Tensor t, double value) {
        long n = t.size();
        kernels.elementwise("fill", n).ptr(t).f32(value).i64(n).go();
    }

    /** Summed in float64 on the GPU by one block; waits for the GPU to read the result. */
    @Override
    public double sum(Tensor x) {
        try (Tensor result = allocate(2)) {
            kernels.launch("sum", 1, 1024).ptr(x).ptr(result).i64(x.size()).go();
            return device.downloadDouble(address(result));
        }
    }

    // ---------------------------------------------------------------- padding

    @Override
    public void pad2d(Tensor x, Tensor y, int top, int left) {
        window("pad2d", x, y, x, y, top, left);
    }

    @Override
    public void crop2d(Tensor y, Tensor x, int top, int left) {
        window("crop2d", y, x, x, y, top, left);
    }

    /**
     * Launches pad2d or crop2d (signature: src, dst, planes, h, w, oh, ow, top, left), one thread per
     * element of dst; {@code small} (N,C,h,w) sits at (top, left) in {@code big} (N,C,oh,ow).
     */
    private void window(String kernel, Tensor src, Tensor dst, Tensor small, Tensor big, int top, int left) {
        OpShapes.window(kernel, small, big, top, left);
        kernels.elementwise(kernel, dst.size()).ptr(src).ptr(dst).i64((long) small.dim(0) * small.dim(1))
                .i32(small.dim(2)).i32(small.dim(3)).i32(big.dim(2)).i32(big.dim(3)).i32(top).i32(left).go();
    }

    // ---------------------------------------------------------------- losses

    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor target, Tensor probs, Tensor dLogits) {
        OpShapes.sameSize(logits, target);
        OpShapes.sameSize(logits, probs);
        OpShapes.sameSize(logits, dLogits);
        int rows = logits.dim(0), k = logits.size() / rows;
        try (Tensor rowLoss = allocate(rows)) {
            kernels.perRow("softmax_cross_entropy", rows).ptr(logits).ptr(target).ptr(probs).ptr(dLogits).ptr(rowLoss)
                    .i32(rows).i32(k).go();
            return sum(rowLoss) / rows;
        }
    }

    @Override
    public double sigmoidBinaryCrossEntropy(Tensor logits, Tensor target, Tensor probs, Tensor dLogits) {
        OpShapes.sameSize(logits, target);
        OpShapes.sameSize(logits, probs);
        OpShapes.sameSize(logits, dLogits);
        long n = logits.size();
        try (Tensor loss = allocate(logits.size())) {
            kernels.elementwise("sigmoid_binary_cross_entropy", n).ptr(logits).ptr(target).ptr(probs).ptr(dLogits).ptr(loss)
                    .i64(n).go();
            return sum(loss) / n;
        }
    }

    // ---------------------------------------------------------------- optimizers

    @Override
    public void sgdUpdate(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        OpShapes.sameSize(w, g);
        long n = w.size();
        kernels.elementwise("sgd_update", n).ptr(w).ptr(g).ptr(velocity == null ? 0 : address(velocity)).f32(lr).f32(momentum)
                .i32(nesterov ? 1 : 0).i64(n).go();
    }

    @Override
    public void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps, long t) {
        OpShapes.sameSize(w, g);
        long n = w.size();
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        kernels.elementwise("adam_update", n).ptr(w).ptr(g).ptr(m).ptr(v).f32(alpha).f32(beta1).f32(beta2).f32(eps).i64(n).go();
    }

    @Override
    public void rmspropUpdate(Tensor w, Tensor g, Tensor v, double lr, double rho, double eps) {
        OpShapes.sameSize(w, g);
        long n = w.size();
        kernels.elementwise("rmsprop_update", n).ptr(w).ptr(g).ptr(v).f32(lr).f32(rho).f32(eps).i64(n).go();
    }
}
