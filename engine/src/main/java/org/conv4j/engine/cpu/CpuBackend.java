package org.conv4j.engine.cpu;

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
 * The fast float32 CPU backend: GEMM through OpenBLAS (single-threaded calls, the work split across
 * our own threads), convolution through oneDNN's JIT kernels ({@link DnnlConv}) or as the readable
 * im2col + GEMM ({@link CpuConv}; see {@link ConvolutionPath}), pooling and batch-norm as direct
 * loops, elementwise ops as plain loops the JIT vectorizes, split across threads when large.
 * Every op computes what its {@link ReferenceOps} twin computes; tests hold it to that.
 */
public final class CpuBackend implements Backend {
    /** Below this many elements an elementwise op runs on one thread: waking threads costs more. */
    private static final int ELEMENTWISE_GRAIN = 1 << 15;

    private final Parallel parallel;
    private final ConvolutionPath convolutionPath;
    private final CpuConv conv;
    private final DnnlConv dnnl;
    private final CpuPooling pooling;
    private final CpuBatchNorm batchNorm;
    private final NativeBuffer gemmA = new NativeBuffer();
    private final NativeBuffer gemmB = new NativeBuffer();
    private final NativeBuffer gemmC = new NativeBuffer();

    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** {@code threads} threads, convolving as {@link ConvolutionPath#choose} says. */
    public CpuBackend(int threads) {
        this(threads, ConvolutionPath.choose(threads));
    }

    public CpuBackend(int threads, ConvolutionPath convolutionPath) {
        Blas.load();
        if (convolutionPath == ConvolutionPath.ONEDNN) {
            ConvolutionPath.requireOneDnn(threads);
        }
        this.parallel = new Parallel(threads);
        this.convolutionPath = convolutionPath;
        this.conv = new CpuConv(parallel);
        this.dnnl = convolutionPath == ConvolutionPath.ONEDNN ? new DnnlConv(parallel) : null;
        this.pooling = new CpuPooling(parallel);
        this.batchNorm = new CpuBatchNorm(parallel);
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public int threads() {
        return parallel.threads();
    }

    /** OpenBLAS's build configuration and the core it detected, for reports. */
    public static String blasInfo() {
        return Blas.config();
    }

    public ConvolutionPath convolutionPath() {
        return convolutionPath;
    }

    /** How this backend convolves, for reports: "oneDNN 3.11.0" or "im2col + OpenBLAS SGEMM". */
    public String convolutionInfo() {
        return convolutionPath == ConvolutionPath.ONEDNN ? "oneDNN " + DnnlConv.version() : "im2col + OpenBLAS SGEMM";
    }

    // ---------------------------------------------------------------- matrices

    /** Copies a and b to native memory once, then each thread computes a block of rows (or columns) of c. */
    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        int[] mnk = OpShapes.gemm(transA, transB, a, b, c);
        int m = mnk[0], n = mnk[1], k = mnk[2];
        gemmA.ensure(a.size()).put(a.floats(), 0, 0, a.size());
        gemmB.ensure(b.size()).put(b.floats(), 0, 0, b.size());
        gemmC.ensure(c.size());
        if (beta != 0) {
            gemmC.put(c.floats(), 0, 0, c.size());
        }
        int lda = a.dim(1), ldb = b.dim(1);
        boolean splitRows = m >= n;
        parallel.forRange(splitRows ? m : n, 16, (start, end, t) -> {
            if (splitRows) {
                Blas.sgemm(transA, transB, end - start, n, k, (float) alpha,
                        gemmA.at(transA ? start : (long) start * lda), lda, gemmB.at(0), ldb,
                        (float) beta, gemmC.at((long) start * n), n);
            } else {
                Blas.sgemm(transA, transB, m, end - start, k, (float) alpha, gemmA.at(0), lda,
                        gemmB.at(transB ? (long) start * ldb : start), ldb, (float) beta, gemmC.at(start), n);
            }
        });
        gemmC.get(0, c.floats(), 0, c.size());
    }

    // ---------------------------------------------------------------- convolution

    @Override
    public void conv2dForward(Tensor x, Tensor w, Tensor bias, Tensor y, ConvSpec spec) {
        if (viaOneDnn(OpShapes.conv(x, w, y, spec), false)) {
            dnnl.forward(x, w, bias, Activation.LINEAR, Double.POSITIVE_INFINITY, y, spec);
        } else {
            conv.forward(x, w, bias, y, spec);
        }
    }

    @Override
    public void conv2dForwardActivation(Tensor x, Tensor w, Tensor bias, Activation f, double maxValue, Tensor y,
                                        ConvSpec spec) {
        if (viaOneDnn(OpShapes.conv(x, w, y, spec), false)) {
            dnnl.forward(x, w, bias, f, maxValue, y, spec);
        } else {
            Backend.super.conv2dForwardActivation(x, w, bias, f, maxValue, y, spec);
        }
    }

    @Override
    public void conv2dBackwardData(Tensor dy, Tensor w, Tensor dx, ConvSpec spec) {
        if (viaOneDnn(OpShapes.conv(dx, w, dy, spec), false)) {
            dnnl.backwardData(dy, w, dx, spec);
        } else {
            conv.backwardData(dy, w, dx, spec);
        }
    }

    @Override
    public void conv2dBackwardFilter(Tensor x, Tensor dy, Tensor dw, ConvSpec spec) {
        if (viaOneDnn(OpShapes.conv(x, dw, dy, spec), true)) {
            dnnl.backwardFilter(x, dy, dw, spec);
        } else {
            conv.backwardFilter(x, dy, dw, spec);
        }
    }

    /**
     * Whether oneDNN computes this convolution (on the oneDNN path; the choice depends on the shape
     * alone, so a run's numbers do not change from one run to the next). Not where the output planes
     * are 2x2 pixels or smaller (MobileNetV2's last blocks at 32x32): there oneDNN parallelizes
     * over too little, and im2col's one GEMM over the whole batch wins — measured on MobileNetV2's
     * training at 32x32, batch 128, its filter gradients took 443 ms a step through oneDNN against
     * 176 through im2col (the 960-channel depthwise one 94 against 10), and the 1x1 forwards and
     * input gradients on such planes 1.5x longer; on larger planes oneDNN was up to 10x faster.
     */
    private boolean viaOneDnn(ConvShape s, boolean filterGradient) {
        if (dnnl == null) {
            return false;
        }
        if (s.oh() * s.ow() > 4) {
            return true;
        }
        boolean pointwise = s.kh() == 1 && s.kw() == 1 && s.groups() == 1;
        return !filterGradient && !pointwise;
    }

    @Override
    public void biasAdd(Tensor y, Tensor bias) {
        int[] s = OpShapes.channels(y, bias);
        float[] ys = y.floats(), bs = bias.floats();
        int c = s[1], inner = s[2];
        parallel.forRange(s[0] * c, Math.max(1, ELEMENTWISE_GRAIN / inner), (start, end, t) -> {
            for (int p = start; p < end; p++) {
                float v = bs[p % c];
                for (int i = p * inner; i < (p + 1) * inner; i++) {
                    ys[i] += v;
                }
            }
        });
    }

    @Override
    public void biasGrad(Tensor dy, Tensor dbias) {
        int[] s = OpShapes.channels(dy, dbias);
        float[] dys = dy.floats(), db = dbias.floats();
        int n = s[0], c = s[1], inner = s[2];
        parallel.forRange(c, (start, end, t) -> {
            for (int ch = start; ch < end; ch++) {
                double acc = 0;
                for (int b = 0; b < n; b++) {
                    acc += CpuBatchNorm.sum(dys, (b * c + ch) * inner, inner);
                }
                db[ch] = (float) acc;
            }
        });
    }

    // ---------------------------------------------------------------- batch normalization

    @Override
    public void batchNormTraining(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor y, Tensor mean, Tensor var) {
        int[] s = OpShapes.channels(x, gamma);
        batchNorm.training(x.floats(), gamma.floats(), beta.floats(), eps, y.floats(), mean.floats(), var.floats(),
                s[0], s[1], s[2]);
    }

    @Override
    public void batchNormInference(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps, Tensor y) {
        int[] s = OpShapes.channels(x, gamma);
        batchNorm.inference(x.floats(), gamma.floats(), beta.floats(), mean.floats(), var.floats(), eps, y.floats(),
                s[0], s[1], s[2]);
    }

    @Override
    public void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps,
                                  Tensor dx, Tensor dgamma, Tensor dbeta) {
        int[] s = OpShapes.channels(x, gamma);
        batchNorm.backward(x.floats(), dy.floats(), gamma.floats(), mean.floats(), var.floats(), eps,
                dx.floats(), dgamma.floats(), dbeta.floats(), s[0], s[1], s[2]);
    }

    @Override
    public void batchNormBackwardInference(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps,
                                           Tensor dx, Tensor dgamma, Tensor dbeta) {
        int[] s = OpShapes.channels(dy, gamma);
        batchNorm.backwardInference(x.floats(), dy.floats(), gamma.floats(), mean.floats(), var.floats(), eps, dx.floats(),
                dgamma == null ? null : dgamma.floats(), dbeta == null ? null : dbeta.floats(), s[0], s[1], s[2]);
    }

    // ---------------------------------------------------------------- pooling

    @Override
    public void maxPool2dForward(Tensor x, Tensor y, PoolSpec spec) {
        pooling.maxForward(x.floats(), y.floats(), OpShapes.pool(x, y, spec), spec);
    }

    @Override
    public void maxPool2dBackward(Tensor x, Tensor dy, Tensor dx, PoolSpec spec) {
        pooling.maxBackward(x.floats(), dy.floats(), dx.floats(), OpShapes.pool(x, dy, spec), spec);
    }

    @Override
    public void avgPool2dForward(Tensor x, Tensor y, PoolSpec spec) {
        pooling.avgForward(x.floats(), y.floats(), OpShapes.pool(x, y, spec), spec);
    }

    @Override
    public void avgPool2dBackward(Tensor dy, Tensor dx, PoolSpec spec) {
        pooling.avgBackward(dy.floats(), dx.floats(), OpShapes.pool(dx, dy, spec), spec);
    }

    @Override
    public void globalAvgPoolForward(Tensor x, Tensor y) {
        pooling.globalAvgForward(x.floats(), y.floats(), x.dim(0) * x.dim(1), x.dim(2) * x.dim(3));
    }

    @Override
    public void globalAvgPoolBackward(Tensor dy, Tensor dx) {
        pooling.globalAvgBackward(dy.floats(), dx.floats(), dx.dim(0) * dx.dim(1), dx.dim(2) * dx.dim(3));
    }

    // ---------------------------------------------------------------- activations

    @Override
    public void activationForward(Activation f, double maxValue, Tensor x, Tensor y) {
        OpShapes.sameSize(x, y);
        float[] xs = x.floats(), ys = y.floats();
        float cap = (float) maxValue;
        parallel.forRange(xs.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            switch (f) {
                case RELU:
                    for (int i = start; i < end; i++) {
                        ys[i] = Math.min(Math.max(xs[i], 0f), cap);
                    }
                    break;
                case LINEAR:
                    System.arraycopy(xs, start, ys, start, end - start);
                    break;
                case HARD_SIGMOID:
                    for (int i = start; i < end; i++) {
                        ys[i] = Math.min(Math.max(xs[i] + 3f, 0f), 6f) * (1f / 6f);
                    }
                    break;
                case HARD_SWISH:
                    for (int i = start; i < end; i++) {
                        ys[i] = xs[i] * (Math.min(Math.max(xs[i] + 3f, 0f), 6f) * (1f / 6f));
                    }
                    break;
                default:
                    for (int i = start; i < end; i++) {
                        ys[i] = (float) ReferenceOps.activation(f, maxValue, xs[i]);
                    }
            }
        });
    }

    @Override
    public void activationBackward(Activation f, double maxValue, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        OpShapes.sameSize(x, dy);
        float[] xs = x.floats(), ys = y.floats(), dys = dy.floats(), dxs = dx.floats();
        float cap = (float) maxValue;
        parallel.forRange(xs.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            if (f == Activation.RELU && Double.isInfinite(maxValue)) {
                // dy where x > 0, else 0, without a branch: half of a ReLU's inputs are positive, at random, and C2 compiles a
                // float select as a jump that mispredicts every other element; an int mask compiles to a conditional move
                for (int i = start; i < end; i++) {
                    int keep = xs[i] > 0f ? -1 : 0;
                    dxs[i] = Float.intBitsToFloat(Float.floatToRawIntBits(dys[i]) & keep);
                }
            } else if (f == Activation.RELU) {
                for (int i = start; i < end; i++) {
                    dxs[i] = xs[i] > 0f && xs[i] < cap ? dys[i] : 0f;
                }
            } else if (f == Activation.HARD_SIGMOID) {
                for (int i = start; i < end; i++) {
                    dxs[i] = xs[i] > -3f && xs[i] < 3f ? dys[i] * (1f / 6f) : 0f;
                }
            } else if (f == Activation.HARD_SWISH) {
                for (int i = start; i < end; i++) {
                    float v = xs[i];
                    dxs[i] = v <= -3f ? 0f : v >= 3f ? dys[i] : dys[i] * ((2f * v + 3f) * (1f / 6f));
                }
            } else {
                for (int i = start; i < end; i++) {
                    dxs[i] = dys[i] * (float) ReferenceOps.activationDerivative(f, maxValue, xs[i], ys[i]);
                }
            }
        });
    }

    @Override
    public void softmaxForward(Tensor x, Tensor y) {
        float[] xs = x.floats(), ys = y.floats();
        int rows = x.dim(0), k = x.size() / rows;
        for (int r = 0; r < rows; r++) {
            softmaxRow(xs, ys, r * k, k);
        }
    }

    /** y[o..o+k) = softmax(x[o..o+k)), max-shifted so exp never overflows; returns log(sum e^(x - max)) + max. */
    private static double softmaxRow(float[] x, float[] y, int o, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, x[o + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double e = Math.exp(x[o + j] - max);
            y[o + j] = (float) e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int j = 0; j < k; j++) {
            y[o + j] *= inv;
        }
        return max + Math.log(sum);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        float[] ys = y.floats(), dys = dy.floats(), dxs = dx.floats();
        int rows = y.dim(0), k = y.size() / rows;
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int j = r * k; j < (r + 1) * k; j++) {
                dot += dys[j] * ys[j];
            }
            for (int j = r * k; j < (r + 1) * k; j++) {
                dxs[j] = ys[j] * (dys[j] - (float) dot);
            }
        }
    }

    @Override
    public void dropoutMask(Tensor mask, double rate, long seed) {
        float[] m = mask.floats();
        float keep = (float) (1 / (1 - rate));
        parallel.forRange(m.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            for (int i = start; i < end; i++) {
                m[i] = org.conv4j.engine.CounterRng.uniform(seed, i) >= rate ? keep : 0f;
            }
        });
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        OpShapes.sameSize(a, b);
        float[] as = a.floats(), bs = b.floats(), os = out.floats();
        parallel.forRange(os.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            for (int i = start; i < end; i++) {
                os[i] = as[i] + bs[i];
            }
        });
    }

    /** Parallel over the images' planes; the coordinate arithmetic in double, as the reference, the pixels in float. */
    @Override
    public void imageTransform(Tensor x, Tensor transforms, boolean bilinear, FillMode fill, double fillValue, Tensor y) {
        int[] s = OpShapes.imageTransform(x, transforms, y);
        int c = s[1], h = s[2], w = s[3], oh = s[4], ow = s[5];
        float[] xs = x.floats(), ys = y.floats();
        double[] t = transforms.toDoubleArray();
        float fillF = (float) fillValue;
        parallel.forRange(s[0] * c, (start, end, worker) -> {
            for (int plane = start; plane < end; plane++) {
                int b = plane / c, in = plane * h * w, out = plane * oh * ow, tb = b * 8;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double k = t[tb + 6] * ox + t[tb + 7] * oy + 1;
                        if (k == 0) {
                            ys[out + oy * ow + ox] = fillF;
                            continue;
                        }
                        double sx = ReferenceOps.mapCoordinate((t[tb] * ox + t[tb + 1] * oy + t[tb + 2]) / k, w, fill);
                        double sy = ReferenceOps.mapCoordinate((t[tb + 3] * ox + t[tb + 4] * oy + t[tb + 5]) / k, h, fill);
                        if (!bilinear) {
                            long yi = ReferenceOps.roundHalfAway(sy), xi = ReferenceOps.roundHalfAway(sx);
                            ys[out + oy * ow + ox] = yi >= 0 && yi < h && xi >= 0 && xi < w ? xs[in + (int) yi * w + (int) xi] : fillF;
                            continue;
                        }
                        int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
                        float fx = (float) (sx - x0), fy = (float) (sy - y0);
                        float p00 = pixel(xs, in, h, w, y0, x0, fillF), p01 = pixel(xs, in, h, w, y0, x0 + 1, fillF);
                        float p10 = pixel(xs, in, h, w, y0 + 1, x0, fillF), p11 = pixel(xs, in, h, w, y0 + 1, x0 + 1, fillF);
                        float top = (1 - fx) * p00 + fx * p01, bottom = (1 - fx) * p10 + fx * p11;
                        ys[out + oy * ow + ox] = (1 - fy) * top + fy * bottom;
                    }
                }
            }
        });
    }

    private static float pixel(float[] xs, int base, int h, int w, int yi, int xi, float fill) {
        return yi >= 0 && yi < h && xi >= 0 && xi < w ? xs[base + yi * w + xi] : fill;
    }

    /** Parallel over the (outer, S) rows; each row of inner values is scaled by one factor. */
    @Override
    public void multiplyBroadcast(Tensor x, Tensor s, Tensor out) {
        int[] b = OpShapes.broadcast(x, s);
        OpShapes.sameSize(x, out);
        float[] xs = x.floats(), ss = s.floats(), os = out.floats();
        int S = b[1], inner = b[2];
        parallel.forRange(b[0] * S, Math.max(1, ELEMENTWISE_GRAIN / inner), (start, end, t) -> {
            for (int row = start; row < end; row++) {
                float v = ss[row % S];
                for (int i = row * inner; i < (row + 1) * inner; i++) {
                    os[i] = xs[i] * v;
                }
            }
        });
    }

    /** Parallel over the S factors, each summed in float64 over its outer rows. */
    @Override
    public void multiplyBroadcastGrad(Tensor dy, Tensor x, Tensor ds) {
        int[] b = OpShapes.broadcast(x, ds);
        OpShapes.sameSize(x, dy);
        float[] dys = dy.floats(), xs = x.floats(), out = ds.floats();
        int outer = b[0], S = b[1], inner = b[2];
        parallel.forRange(S, Math.max(1, ELEMENTWISE_GRAIN / (inner * outer)), (start, end, t) -> {
            for (int j = start; j < end; j++) {
                double acc = 0;
                for (int o = 0; o < outer; o++) {
                    int base = (o * S + j) * inner;
                    float rowAcc = 0;
                    for (int i = base; i < base + inner; i++) {
                        rowAcc += dys[i] * xs[i];
                    }
                    acc += rowAcc;
                }
                out[j] = (float) acc;
            }
        });
    }

    @Override
    public void multiply(Tensor a, Tensor b, Tensor out) {
        OpShapes.sameSize(a, b);
        float[] as = a.floats(), bs = b.floats(), os = out.floats();
        parallel.forRange(os.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            for (int i = start; i < end; i++) {
                os[i] = as[i] * bs[i];
            }
        });
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        OpShapes.sameSize(x, y);
        float[] xs = x.floats(), ys = y.floats();
        float a = (float) alpha;
        parallel.forRange(ys.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            for (int i = start; i < end; i++) {
                ys[i] += a * xs[i];
            }
        });
    }

    @Override
    public void scale(double alpha, Tensor x, Tensor out) {
        float[] xs = x.floats(), os = out.floats();
        float a = (float) alpha;
        parallel.forRange(os.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            for (int i = start; i < end; i++) {
                os[i] = a * xs[i];
            }
        });
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        OpShapes.sameSize(src, dst);
        System.arraycopy(src.floats(), 0, dst.floats(), 0, src.size());
    }

    @Override
    public void fill(Tensor t, double value) {
        java.util.Arrays.fill(t.floats(), (float) value);
    }

    @Override
    public double sum(Tensor x) {
        double s = 0;
        for (float v : x.floats()) {
            s += v;
        }
        return s;
    }

    // ---------------------------------------------------------------- padding

    @Override
    public void pad2d(Tensor x, Tensor y, int top, int left) {
        float[] xs = x.floats(), ys = y.floats();
        int planes = x.dim(0) * x.dim(1), h = x.dim(2), w = x.dim(3), oh = y.dim(2), ow = y.dim(3);
        parallel.forRange(planes, 16, (start, end, t) -> {
            java.util.Arrays.fill(ys, start * oh * ow, end * oh * ow, 0f);
            for (int p = start; p < end; p++) {
                for (int i = 0; i < h; i++) {
                    System.arraycopy(xs, (p * h + i) * w, ys, (p * oh + i + top) * ow + left, w);
                }
            }
        });
    }

    @Override
    public void crop2d(Tensor y, Tensor x, int top, int left) {
        float[] xs = x.floats(), ys = y.floats();
        int planes = x.dim(0) * x.dim(1), h = x.dim(2), w = x.dim(3), oh = y.dim(2), ow = y.dim(3);
        parallel.forRange(planes, 16, (start, end, t) -> {
            for (int p = start; p < end; p++) {
                for (int i = 0; i < h; i++) {
                    System.arraycopy(ys, (p * oh + i + top) * ow + left, xs, (p * h + i) * w, w);
                }
            }
        });
    }

    // ---------------------------------------------------------------- losses

    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor target, Tensor probs, Tensor dLogits) {
        OpShapes.sameSize(logits, target);
        float[] z = logits.floats(), tg = target.floats(), p = probs.floats(), dz = dLogits.floats();
        int rows = logits.dim(0), k = logits.size() / rows;
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double logSum = softmaxRow(z, p, r * k, k);
            for (int j = r * k; j < (r + 1) * k; j++) {
                loss -= tg[j] * (z[j] - logSum);
                dz[j] = (p[j] - tg[j]) / rows;
            }
        }
        return loss / rows;
    }

    @Override
    public double sigmoidBinaryCrossEntropy(Tensor logits, Tensor target, Tensor probs, Tensor dLogits) {
        OpShapes.sameSize(logits, target);
        float[] z = logits.floats(), tg = target.floats(), p = probs.floats(), dz = dLogits.floats();
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (1 / (1 + Math.exp(-z[i])));
            loss += Math.max(z[i], 0) - (double) z[i] * tg[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
            dz[i] = (p[i] - tg[i]) / z.length;
        }
        return loss / z.length;
    }

    // ---------------------------------------------------------------- optimizers

    @Override
    public void sgdUpdate(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        float[] ws = w.floats(), gs = g.floats();
        float[] ms = velocity == null ? null : velocity.floats();
        float l = (float) lr, mu = (float) momentum;
        parallel.forRange(ws.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            for (int i = start; i < end; i++) {
                if (momentum == 0) {
                    ws[i] -= l * gs[i];
                } else {
                    ms[i] = mu * ms[i] - l * gs[i];
                    ws[i] += nesterov ? mu * ms[i] - l * gs[i] : ms[i];
                }
            }
        });
    }

    @Override
    public void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps, long step) {
        float[] ws = w.floats(), gs = g.floats(), ms = m.floats(), vs = v.floats();
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        float b1 = (float) beta1, b2 = (float) beta2, e = (float) eps;
        parallel.forRange(ws.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            for (int i = start; i < end; i++) {
                float gi = gs[i];
                ms[i] = b1 * ms[i] + (1 - b1) * gi;
                vs[i] = b2 * vs[i] + (1 - b2) * gi * gi;
                ws[i] -= alpha * ms[i] / ((float) Math.sqrt(vs[i]) + e);
            }
        });
    }

    @Override
    public void rmspropUpdate(Tensor w, Tensor g, Tensor v, double lr, double rho, double eps) {
        float[] ws = w.floats(), gs = g.floats(), vs = v.floats();
        float l = (float) lr, r = (float) rho, e = (float) eps;
        parallel.forRange(ws.length, ELEMENTWISE_GRAIN, (start, end, t) -> {
            for (int i = start; i < end; i++) {
                vs[i] = r * vs[i] + (1 - r) * gs[i] * gs[i];
                ws[i] -= l * gs[i] / (float) Math.sqrt(vs[i] + e);
            }
        });
    }
}
