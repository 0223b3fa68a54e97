package org.conv4j.engine;

/**
 * The backend that runs {@link ReferenceOps} on float64 tensors: slow and plain, used as the oracle
 * in tests and for gradient checks of whole layers in double precision.
 */
public final class ReferenceBackend implements Backend {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public DType dtype() {
        return DType.F64;
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        int[] mnk = OpShapes.gemm(transA, transB, a, b, c);
        ReferenceOps.gemm(transA, transB, mnk[0], mnk[1], mnk[2], alpha, a.doubles(), b.doubles(), beta, c.doubles());
    }

    @Override
    public void conv2dForward(Tensor x, Tensor w, Tensor bias, Tensor y, ConvSpec spec) {
        ReferenceOps.ConvShape s = OpShapes.conv(x, w, y, spec);
        ReferenceOps.conv2dForward(x.doubles(), w.doubles(), y.doubles(), s, spec);
        if (bias != null) {
            ReferenceOps.biasAdd(y.doubles(), bias.doubles(), s.n(), s.cout(), s.oh() * s.ow());
        }
    }

    @Override
    public void conv2dBackwardData(Tensor dy, Tensor w, Tensor dx, ConvSpec spec) {
        ReferenceOps.conv2dBackwardData(dy.doubles(), w.doubles(), dx.doubles(), OpShapes.conv(dx, w, dy, spec), spec);
    }

    @Override
    public void conv2dBackwardFilter(Tensor x, Tensor dy, Tensor dw, ConvSpec spec) {
        ReferenceOps.conv2dBackwardFilter(x.doubles(), dy.doubles(), dw.doubles(), OpShapes.conv(x, dw, dy, spec), spec);
    }

    @Override
    public void biasAdd(Tensor y, Tensor bias) {
        int[] s = OpShapes.channels(y, bias);
        ReferenceOps.biasAdd(y.doubles(), bias.doubles(), s[0], s[1], s[2]);
    }

    @Override
    public void biasGrad(Tensor dy, Tensor dbias) {
        int[] s = OpShapes.channels(dy, dbias);
        ReferenceOps.biasGrad(dy.doubles(), dbias.doubles(), s[0], s[1], s[2]);
    }

    @Override
    public void batchNormTraining(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor y, Tensor mean, Tensor var) {
        int[] s = OpShapes.channels(x, gamma);
        ReferenceOps.batchNormTraining(x.doubles(), gamma.doubles(), beta.doubles(), eps, y.doubles(),
                mean.doubles(), var.doubles(), s[0], s[1], s[2]);
    }

    @Override
    public void batchNormInference(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps, Tensor y) {
        int[] s = OpShapes.channels(x, gamma);
        ReferenceOps.batchNormInference(x.doubles(), gamma.doubles(), beta.doubles(), mean.doubles(), var.doubles(),
                eps, y.doubles(), s[0], s[1], s[2]);
    }

    @Override
    public void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps,
                                  Tensor dx, Tensor dgamma, Tensor dbeta) {
        int[] s = OpShapes.channels(x, gamma);
        ReferenceOps.batchNormBackward(x.doubles(), dy.doubles(), gamma.doubles(), mean.doubles(), var.doubles(), eps,
                dx.doubles(), dgamma.doubles(), dbeta.doubles(), s[0], s[1], s[2]);
    }

    @Override
    public void batchNormBackwardInference(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps,
                                           Tensor dx, Tensor dgamma, Tensor dbeta) {
        int[] s = OpShapes.channels(dy, gamma);
        ReferenceOps.batchNormBackwardInference(x.doubles(), dy.doubles(), gamma.doubles(), mean.doubles(), var.doubles(),
                eps, dx.doubles(), dgamma == null ? null : dgamma.doubles(), dbeta == null ? null : dbeta.doubles(),
                s[0], s[1], s[2]);
    }

    @Override
    public void maxPool2dForward(Tensor x, Tensor y, PoolSpec spec) {
        int[] p = OpShapes.pool(x, y, spec);
        ReferenceOps.maxPoolForward(x.doubles(), y.doubles(), p[0], p[1], p[2], p[3], p[4], spec);
    }

    @Override
    public void maxPool2dBackward(Tensor x, Tensor dy, Tensor dx, PoolSpec spec) {
        int[] p = OpShapes.pool(x, dy, spec);
        ReferenceOps.maxPoolBackward(x.doubles(), dy.doubles(), dx.doubles(), p[0], p[1], p[2], p[3], p[4], spec);
    }

    @Override
    public void avgPool2dForward(Tensor x, Tensor y, PoolSpec spec) {
        int[] p = OpShapes.pool(x, y, spec);
        ReferenceOps.avgPoolForward(x.doubles(), y.doubles(), p[0], p[1], p[2], p[3], p[4], spec);
    }

    @Override
    public void avgPool2dBackward(Tensor dy, Tensor dx, PoolSpec spec) {
        int[] p = OpShapes.pool(dx, dy, spec);
        ReferenceOps.avgPoolBackward(dy.doubles(), dx.doubles(), p[0], p[1], p[2], p[3], p[4], spec);
    }

    @Override
    public void globalAvgPoolForward(Tensor x, Tensor y) {
        ReferenceOps.globalAvgPoolForward(x.doubles(), y.doubles(), x.dim(0) * x.dim(1), x.dim(2) * x.dim(3));
    }

    @Override
    public void globalAvgPoolBackward(Tensor dy, Tensor dx) {
        ReferenceOps.globalAvgPoolBackward(dy.doubles(), dx.doubles(), dx.dim(0) * dx.dim(1), dx.dim(2) * dx.dim(3));
    }

    @Override
    public void activationForward(Activation f, double maxValue, Tensor x, Tensor y) {
        double[] xs = x.doubles(), ys = y.doubles();
        for (int i = 0; i < xs.length; i++) {
            ys[i] = ReferenceOps.activation(f, maxValue, xs[i]);
        }
    }

    @Override
    public void activationBackward(Activation f, double maxValue, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        double[] xs = x.doubles(), ys = y.doubles(), dys = dy.doubles(), dxs = dx.doubles();
        for (int i = 0; i < xs.length; i++) {
            dxs[i] = dys[i] * ReferenceOps.activationDerivative(f, maxValue, xs[i], ys[i]);
        }
    }

    @Override
    public void softmaxForward(Tensor x, Tensor y) {
        ReferenceOps.softmax(x.doubles(), y.doubles(), x.dim(0), x.size() / x.dim(0));
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        ReferenceOps.softmaxBackward(y.doubles(), dy.doubles(), dx.doubles(), y.dim(0), y.size() / y.dim(0));
    }

    @Override
    public void dropoutMask(Tensor mask, double rate, long seed) {
        double[] m = mask.doubles();
        for (int i = 0; i < m.length; i++) {
            m[i] = ReferenceOps.dropoutMaskValue(rate, seed, i);
        }
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        OpShapes.sameSize(a, b);
        double[] as = a.doubles(), bs = b.doubles(), os = out.doubles();
        for (int i = 0; i < os.length; i++) {
            os[i] = as[i] + bs[i];
        }
    }

    @Override
    public void multiplyBroadcast(Tensor x, Tensor s, Tensor out) {
        int[] b = OpShapes.broadcast(x, s);
        OpShapes.sameSize(x, out);
        ReferenceOps.multiplyBroadcast(x.doubles(), s.doubles(), out.doubles(), b[0], b[1], b[2]);
    }

    @Override
    public void multiplyBroadcastGrad(Tensor dy, Tensor x, Tensor ds) {
        int[] b = OpShapes.broadcast(x, ds);
        OpShapes.sameSize(x, dy);
        ReferenceOps.multiplyBroadcastGrad(dy.doubles(), x.doubles(), ds.doubles(), b[0], b[1], b[2]);
    }

    @Override
    public void imageTransform(Tensor x, Tensor transforms, boolean bilinear, FillMode fill, double fillValue, Tensor y) {
        int[] s = OpShapes.imageTransform(x, transforms, y);
        ReferenceOps.imageTransform(x.doubles(), transforms.doubles(), y.doubles(), s[0], s[1], s[2], s[3], s[4], s[5], bilinear, fill,
                fillValue);
    }

    @Override
    public void multiply(Tensor a, Tensor b, Tensor out) {
        OpShapes.sameSize(a, b);
        double[] as = a.doubles(), bs = b.doubles(), os = out.doubles();
        for (int i = 0; i < os.length; i++) {
            os[i] = as[i] * bs[i];
        }
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        OpShapes.sameSize(x, y);
        double[] xs = x.doubles(), ys = y.doubles();
        for (int i = 0; i < ys.length; i++) {
            ys[i] += alpha * xs[i];
        }
    }

    @Override
    public void scale(double alpha, Tensor x, Tensor out) {
        double[] xs = x.doubles(), os = out.doubles();
        for (int i = 0; i < os.length; i++) {
            os[i] = alpha * xs[i];
        }
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        dst.copyFrom(src);
    }

    @Override
    public void fill(Tensor t, double value) {
        java.util.Arrays.fill(t.doubles(), value);
    }

    @Override
    public double sum(Tensor x) {
        double s = 0;
        for (double v : x.doubles()) {
            s += v;
        }
        return s;
    }

    @Override
    public void pad2d(Tensor x, Tensor y, int top, int left) {
        ReferenceOps.pad2d(x.doubles(), y.doubles(), x.dim(0) * x.dim(1), x.dim(2), x.dim(3), y.dim(2), y.dim(3), top, left);
    }

    @Override
    public void crop2d(Tensor y, Tensor x, int top, int left) {
        ReferenceOps.crop2d(y.doubles(), x.doubles(), x.dim(0) * x.dim(1), x.dim(2), x.dim(3), y.dim(2), y.dim(3), top, left);
    }

    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor target, Tensor probs, Tensor dLogits) {
        OpShapes.sameSize(logits, target);
        return ReferenceOps.softmaxCrossEntropy(logits.doubles(), target.doubles(), probs.doubles(), dLogits.doubles(),
                logits.dim(0), logits.size() / logits.dim(0));
    }

    @Override
    public double sigmoidBinaryCrossEntropy(Tensor logits, Tensor target, Tensor probs, Tensor dLogits) {
        OpShapes.sameSize(logits, target);
        return ReferenceOps.sigmoidBinaryCrossEntropy(logits.doubles(), target.doubles(), probs.doubles(), dLogits.doubles());
    }

    @Override
    public void sgdUpdate(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        ReferenceOps.sgdUpdate(w.doubles(), g.doubles(), velocity == null ? null : velocity.doubles(), lr, momentum, nesterov);
    }

    @Override
    public void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps, long t) {
        ReferenceOps.adamUpdate(w.doubles(), g.doubles(), m.doubles(), v.doubles(), lr, beta1, beta2, eps, t);
    }

    @Override
    public void rmspropUpdate(Tensor w, Tensor g, Tensor v, double lr, double rho, double eps) {
        ReferenceOps.rmspropUpdate(w.doubles(), g.doubles(), v.doubles(), lr, rho, eps);
    }
}
