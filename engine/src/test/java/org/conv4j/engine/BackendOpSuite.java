package org.conv4j.engine;

import static org.conv4j.engine.OpOracle.assertClose;
import static org.conv4j.engine.OpOracle.random;
import static org.conv4j.engine.OpOracle.toF64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every op of a fast float32 backend against ReferenceOps (float64) on random shapes, in llm.c's
 * manner (|fast - ref| <= tol + |ref|·eps). Each backend's test extends this suite and says which
 * backend it holds to the reference: {@link CpuBackendTest}, {@code CudaBackendTest}.
 */
abstract class BackendOpSuite {
    private static final double TOL = 1e-4;
    private static final double EPS = 1e-4;
    private final Backend fast = backend();
    private final Backend ref = new ReferenceBackend();

    /** The backend under test (called once per test). */
    protected abstract Backend backend();

    static Stream<Arguments> convCases() {
        // n, c, h, w, cout, kh, kw, sh, sw, dh, dw, padding ("same"/"valid"/explicit top,bottom,left,right), groups
        return Stream.of(
                Arguments.of(2, 3, 8, 8, 4, 3, 3, 1, 1, 1, 1, "same", 1),
                Arguments.of(1, 3, 7, 9, 5, 3, 3, 2, 2, 1, 1, "same", 1),
                Arguments.of(3, 4, 8, 8, 6, 3, 3, 2, 2, 1, 1, "same", 1),
                Arguments.of(2, 5, 9, 7, 3, 3, 2, 1, 2, 1, 1, "valid", 1),
                Arguments.of(2, 4, 10, 10, 4, 3, 3, 1, 1, 2, 2, "same", 1),
                Arguments.of(2, 6, 6, 6, 8, 1, 1, 1, 1, 1, 1, "valid", 1),
                Arguments.of(2, 6, 7, 7, 8, 1, 1, 2, 2, 1, 1, "valid", 1),
                Arguments.of(1, 3, 9, 9, 2, 5, 5, 1, 1, 1, 1, "0,2,1,0", 1),
                Arguments.of(2, 4, 8, 8, 6, 3, 3, 1, 1, 1, 1, "same", 2),
                Arguments.of(2, 4, 8, 8, 4, 3, 3, 1, 1, 1, 1, "same", 4),
                Arguments.of(2, 3, 9, 8, 6, 3, 3, 2, 2, 1, 1, "same", 3),
                Arguments.of(1, 5, 8, 8, 10, 3, 3, 2, 2, 1, 1, "0,1,0,1", 5),
                Arguments.of(2, 4, 9, 9, 8, 3, 3, 1, 1, 2, 2, "valid", 4),
                Arguments.of(2, 3, 7, 9, 6, 3, 3, 1, 1, 2, 2, "same", 3),
                Arguments.of(1, 4, 5, 5, 8, 3, 3, 1, 1, 1, 1, "same", 4),
                Arguments.of(2, 2, 6, 7, 2, 5, 5, 1, 1, 1, 1, "same", 2),
                Arguments.of(3, 2, 1, 1, 2, 3, 3, 1, 1, 1, 1, "same", 2),
                Arguments.of(2, 3, 1, 1, 4, 3, 3, 1, 1, 1, 1, "same", 1),
                Arguments.of(2, 3, 2, 2, 4, 3, 3, 1, 1, 2, 2, "same", 1),
                Arguments.of(1, 2, 2, 3, 3, 5, 5, 1, 1, 2, 2, "same", 1),
                // Large enough for the batch to be split across threads and for blocked layouts.
                Arguments.of(8, 32, 16, 16, 64, 3, 3, 1, 1, 1, 1, "same", 1),
                Arguments.of(16, 96, 8, 8, 24, 1, 1, 1, 1, 1, 1, "valid", 1),
                Arguments.of(8, 64, 17, 17, 64, 3, 3, 2, 2, 1, 1, "same", 64));
    }

    private static ConvSpec spec(String padding, int h, int w, int kh, int kw, int sh, int sw, int dh, int dw, int groups) {
        if (padding.equals("same")) {
            return ConvSpec.same(h, w, kh, kw, sh, sw, dh, dw, groups);
        }
        if (padding.equals("valid")) {
            return ConvSpec.valid(sh, sw, dh, dw, groups);
        }
        String[] p = padding.split(",");
        return new ConvSpec(sh, sw, dh, dw, Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                Integer.parseInt(p[2]), Integer.parseInt(p[3]), groups);
    }

    @ParameterizedTest
    @MethodSource("convCases")
    void conv2dForwardAndBackwardMatchTheReference(int n, int c, int h, int w, int cout, int kh, int kw,
                                                   int sh, int sw, int dh, int dw, String padding, int groups) {
        Random rng = new Random(n * 31 + c * 7 + h + cout + groups);
        ConvSpec s = spec(padding, h, w, kh, kw, sh, sw, dh, dw, groups);
        Tensor x = random(fast, rng, n, c, h, w);
        Tensor k = random(fast, rng, cout, c / groups, kh, kw);
        int oh = s.outH(h, kh), ow = s.outW(w, kw);
        Tensor y = fast.zeros(n, cout, oh, ow);
        Tensor yRef = ref.zeros(n, cout, oh, ow);
        fast.conv2dForward(x, k, null, y, s);
        ref.conv2dForward(toF64(x), toF64(k), null, yRef, s);
        assertClose("conv2d forward", yRef, y, TOL, EPS);
        Tensor bias = random(fast, rng, cout);
        fast.conv2dForward(x, k, bias, y, s);
        ref.conv2dForward(toF64(x), toF64(k), toF64(bias), yRef, s);
        assertClose("conv2d forward with bias", yRef, y, TOL, EPS);
        for (Activation f : Activation.values()) {
            double cap = f == Activation.RELU && groups > 1 ? 0.5 : Double.POSITIVE_INFINITY;
            fast.conv2dForwardActivation(x, k, groups % 2 == 0 ? null : bias, f, cap, y, s);
            ref.conv2dForward(toF64(x), toF64(k), groups % 2 == 0 ? null : toF64(bias), yRef, s);
            ref.activationForward(f, cap, yRef, yRef);
            assertClose("conv2d forward then " + f, yRef, y, TOL, EPS);
        }

        Tensor dy = random(fast, rng, n, cout, oh, ow);
        Tensor dx = random(fast, rng, n, c, h, w);
        Tensor dxRef = ref.zeros(n, c, h, w);
        fast.conv2dBackwardData(dy, k, dx, s);
        ref.conv2dBackwardData(toF64(dy), toF64(k), dxRef, s);
        assertClose("conv2d backward data", dxRef, dx, TOL, EPS);

        Tensor dk = random(fast, rng, cout, c / groups, kh, kw);
        Tensor dkRef = ref.zeros(cout, c / groups, kh, kw);
        fast.conv2dBackwardFilter(x, dy, dk, s);
        ref.conv2dBackwardFilter(toF64(x), toF64(dy), dkRef, s);
        assertClose("conv2d backward filter", dkRef, dk, TOL, EPS);
    }

    @Test
    void sameConvolutionPutsTheOddPixelAtTheBottomRight() {
        ConvSpec s = ConvSpec.same(32, 32, 3, 3, 2, 2, 1, 1, 1);
        assertEquals(0, s.padTop());
        assertEquals(1, s.padBottom());
        assertEquals(0, s.padLeft());
        assertEquals(1, s.padRight());
        assertEquals(16, s.outH(32, 3));
        ConvSpec odd = ConvSpec.same(7, 7, 3, 3, 2, 2, 1, 1, 1);
        assertEquals(1, odd.padTop());
        assertEquals(1, odd.padBottom());
    }

    static Stream<Arguments> gemmCases() {
        return Stream.of(Arguments.of(1, 1, 1, false, false), Arguments.of(7, 5, 3, false, true),
                Arguments.of(33, 17, 65, true, false), Arguments.of(5, 40, 9, true, true),
                Arguments.of(128, 10, 512, false, false), Arguments.of(3, 100, 20, false, true));
    }

    @ParameterizedTest
    @MethodSource("gemmCases")
    void gemmMatchesTheReference(int m, int n, int k, boolean ta, boolean tb) {
        Random rng = new Random(m * 1000 + n * 10 + k);
        Tensor a = ta ? random(fast, rng, k, m) : random(fast, rng, m, k);
        Tensor b = tb ? random(fast, rng, n, k) : random(fast, rng, k, n);
        Tensor c = random(fast, rng, m, n);
        Tensor cRef = toF64(c);
        fast.gemm(ta, tb, 0.5, a, b, 2.0, c);
        ref.gemm(ta, tb, 0.5, toF64(a), toF64(b), 2.0, cRef);
        assertClose("gemm", cRef, c, TOL, EPS);
    }

    @Test
    void gemmAgreesWithEjml() {
        Random rng = new Random(5);
        Tensor a = random(fast, rng, 13, 21);
        Tensor b = random(fast, rng, 21, 8);
        Tensor c = fast.zeros(13, 8);
        fast.gemm(false, false, 1, a, b, 0, c);
        org.ejml.simple.SimpleMatrix ea = new org.ejml.simple.SimpleMatrix(13, 21, true, a.toDoubleArray());
        org.ejml.simple.SimpleMatrix eb = new org.ejml.simple.SimpleMatrix(21, 8, true, b.toDoubleArray());
        org.ejml.simple.SimpleMatrix ec = ea.mult(eb);
        for (int i = 0; i < 13; i++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(ec.get(i, j), c.toFloatArray()[i * 8 + j], 1e-4);
            }
        }
    }

    static Stream<Arguments> poolCases() {
        // n, c, h, w, pool, stride, same
        return Stream.of(Arguments.of(2, 3, 8, 8, 2, 2, false), Arguments.of(1, 2, 7, 7, 2, 2, false),
                Arguments.of(1, 2, 7, 9, 3, 2, true), Arguments.of(2, 1, 6, 6, 3, 1, true),
                Arguments.of(1, 4, 5, 5, 2, 1, false), Arguments.of(3, 2, 8, 6, 3, 3, true),
                Arguments.of(2, 3, 9, 6, 2, 2, false), Arguments.of(2, 3, 7, 9, 2, 2, true),
                Arguments.of(8, 32, 32, 32, 2, 2, false));
    }

    @ParameterizedTest
    @MethodSource("poolCases")
    void poolingMatchesTheReference(int n, int c, int h, int w, int pool, int stride, boolean same) {
        Random rng = new Random(h * w + pool);
        PoolSpec s = same ? PoolSpec.same(h, w, pool, pool, stride, stride) : PoolSpec.valid(pool, pool, stride, stride);
        Tensor x = random(fast, rng, n, c, h, w);
        int oh = s.outH(h), ow = s.outW(w);
        Tensor dy = random(fast, rng, n, c, oh, ow);
        for (boolean max : new boolean[] {true, false}) {
            Tensor y = fast.zeros(n, c, oh, ow), yRef = ref.zeros(n, c, oh, ow);
            Tensor dx = random(fast, rng, n, c, h, w), dxRef = ref.zeros(n, c, h, w);
            if (max) {
                fast.maxPool2dForward(x, y, s);
                ref.maxPool2dForward(toF64(x), yRef, s);
                fast.maxPool2dBackward(x, dy, dx, s);
                ref.maxPool2dBackward(toF64(x), toF64(dy), dxRef, s);
            } else {
                fast.avgPool2dForward(x, y, s);
                ref.avgPool2dForward(toF64(x), yRef, s);
                fast.avgPool2dBackward(dy, dx, s);
                ref.avgPool2dBackward(toF64(dy), dxRef, s);
            }
            assertClose((max ? "max" : "avg") + " pool forward", yRef, y, TOL, EPS);
            assertClose((max ? "max" : "avg") + " pool backward", dxRef, dx, TOL, EPS);
        }
        Tensor g = fast.zeros(n, c), gRef = ref.zeros(n, c);
        fast.globalAvgPoolForward(x, g);
        ref.globalAvgPoolForward(toF64(x), gRef);
        assertClose("global average pool", gRef, g, TOL, EPS);
        Tensor gy = random(fast, rng, n, c), gdx = fast.zeros(n, c, h, w), gdxRef = ref.zeros(n, c, h, w);
        fast.globalAvgPoolBackward(gy, gdx);
        ref.globalAvgPoolBackward(toF64(gy), gdxRef);
        assertClose("global average pool backward", gdxRef, gdx, TOL, EPS);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void maxPoolRoutesATiedGradientToTheFirstMaximumLikeTheReference(int pool) {
        // Values from {0, 1, 2}: most windows hold ties, so which maximum gets dy is what is tested.
        Random rng = new Random(pool);
        int n = 2, c = 3, h = 9, w = 8;
        double[] values = new double[n * c * h * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextInt(3);
        }
        PoolSpec s = PoolSpec.valid(pool, pool, 2, 2);
        int oh = s.outH(h), ow = s.outW(w);
        Tensor dy = random(fast, rng, n, c, oh, ow);
        Tensor dx = random(fast, rng, n, c, h, w), dxRef = ref.zeros(n, c, h, w);
        fast.maxPool2dBackward(fast.fromDoubles(values, n, c, h, w), dy, dx, s);
        ref.maxPool2dBackward(ref.fromDoubles(values, n, c, h, w), toF64(dy), dxRef, s);
        assertClose("max pool backward with ties", dxRef, dx, TOL, EPS);
    }

    @ParameterizedTest
    @MethodSource("batchNormShapes")
    void batchNormMatchesTheReference(int[] shape) {
        Random rng = new Random(shape.length * 17 + shape[1]);
        int c = shape[1];
        Tensor x = random(fast, rng, shape), dy = random(fast, rng, shape);
        Tensor gamma = random(fast, rng, c), beta = random(fast, rng, c);
        Tensor y = fast.zeros(shape), mean = fast.zeros(c), var = fast.zeros(c);
        Tensor yRef = ref.zeros(shape), meanRef = ref.zeros(c), varRef = ref.zeros(c);
        fast.batchNormTraining(x, gamma, beta, 1e-3, y, mean, var);
        ref.batchNormTraining(toF64(x), toF64(gamma), toF64(beta), 1e-3, yRef, meanRef, varRef);
        assertClose("batch norm training y", yRef, y, TOL, EPS);
        assertClose("batch norm mean", meanRef, mean, TOL, EPS);
        assertClose("batch norm var", varRef, var, TOL, EPS);

        Tensor dx = fast.zeros(shape), dg = fast.zeros(c), db = fast.zeros(c);
        Tensor dxRef = ref.zeros(shape), dgRef = ref.zeros(c), dbRef = ref.zeros(c);
        fast.batchNormBackward(x, dy, gamma, mean, var, 1e-3, dx, dg, db);
        ref.batchNormBackward(toF64(x), toF64(dy), toF64(gamma), meanRef, varRef, 1e-3, dxRef, dgRef, dbRef);
        assertClose("batch norm dx", dxRef, dx, 1e-3, 1e-3);
        assertClose("batch norm dgamma", dgRef, dg, 1e-3, 1e-3);
        assertClose("batch norm dbeta", dbRef, db, 1e-3, 1e-3);

        Tensor yi = fast.zeros(shape), yiRef = ref.zeros(shape);
        fast.batchNormInference(x, gamma, beta, mean, var, 1e-3, yi);
        ref.batchNormInference(toF64(x), toF64(gamma), toF64(beta), meanRef, varRef, 1e-3, yiRef);
        assertClose("batch norm inference", yiRef, yi, TOL, EPS);
        Tensor dxi = fast.zeros(shape), dxiRef = ref.zeros(shape);
        Tensor dgi = fast.zeros(c), dbi = fast.zeros(c), dgiRef = ref.zeros(c), dbiRef = ref.zeros(c);
        fast.batchNormBackwardInference(x, dy, gamma, mean, var, 1e-3, dxi, dgi, dbi);
        ref.batchNormBackwardInference(toF64(x), toF64(dy), toF64(gamma), meanRef, varRef, 1e-3, dxiRef, dgiRef, dbiRef);
        assertClose("batch norm inference backward", dxiRef, dxi, TOL, EPS);
        assertClose("batch norm inference dgamma", dgiRef, dgi, 1e-3, 1e-3);
        assertClose("batch norm inference dbeta", dbiRef, dbi, 1e-3, 1e-3);
    }

    static Stream<int[]> batchNormShapes() {
        return Stream.of(new int[] {4, 3, 5, 5}, new int[] {1, 2, 3, 7}, new int[] {16, 10});
    }

    @Test
    void elementwiseActivationsSoftmaxAndBiasMatchTheReference() {
        Random rng = new Random(3);
        int[] shape = {3, 4, 5, 6};
        Tensor x = random(fast, rng, shape), dy = random(fast, rng, shape);
        for (Activation f : Activation.values()) {
            for (double cap : new double[] {Double.POSITIVE_INFINITY, 0.5}) {
                Tensor y = fast.zeros(shape), yRef = ref.zeros(shape), dx = fast.zeros(shape), dxRef = ref.zeros(shape);
                fast.activationForward(f, cap, x, y);
                ref.activationForward(f, cap, toF64(x), yRef);
                fast.activationBackward(f, cap, x, y, dy, dx);
                ref.activationBackward(f, cap, toF64(x), yRef, toF64(dy), dxRef);
                assertClose(f + " forward", yRef, y, TOL, EPS);
                assertClose(f + " backward", dxRef, dx, TOL, EPS);
            }
        }
        Tensor logits = random(fast, rng, 7, 10), p = fast.zeros(7, 10), pRef = ref.zeros(7, 10);
        fast.softmaxForward(logits, p);
        ref.softmaxForward(toF64(logits), pRef);
        assertClose("softmax", pRef, p, TOL, EPS);
        Tensor g = random(fast, rng, 7, 10), dz = fast.zeros(7, 10), dzRef = ref.zeros(7, 10);
        fast.softmaxBackward(p, g, dz);
        ref.softmaxBackward(pRef, toF64(g), dzRef);
        assertClose("softmax backward", dzRef, dz, TOL, EPS);

        Tensor bias = random(fast, rng, 4), y = x.copy(), yRef = toF64(x);
        fast.biasAdd(y, bias);
        ref.biasAdd(yRef, toF64(bias));
        assertClose("bias add", yRef, y, TOL, EPS);
        Tensor db = fast.zeros(4), dbRef = ref.zeros(4);
        fast.biasGrad(dy, db);
        ref.biasGrad(toF64(dy), dbRef);
        assertClose("bias grad", dbRef, db, TOL, EPS);

        Tensor a = random(fast, rng, shape), out = fast.zeros(shape), outRef = ref.zeros(shape);
        fast.add(x, a, out);
        ref.add(toF64(x), toF64(a), outRef);
        assertClose("add", outRef, out, TOL, EPS);
        fast.multiply(x, a, out);
        ref.multiply(toF64(x), toF64(a), outRef);
        assertClose("multiply", outRef, out, TOL, EPS);
        fast.axpy(0.3, x, out);
        ref.axpy(0.3, toF64(x), outRef);
        assertClose("axpy", outRef, out, TOL, EPS);
        fast.scale(-2, x, out);
        ref.scale(-2, toF64(x), outRef);
        assertClose("scale", outRef, out, TOL, EPS);
        assertEquals(ref.sum(toF64(x)), fast.sum(x), 1e-3);
    }

    @Test
    void hardActivationsMatchTheReferenceOnBothSidesOfTheirKinks() {
        Random rng = new Random(13);
        int[] shape = {2, 3, 7, 5};
        Tensor x = random(fast, rng, shape), dy = random(fast, rng, shape);
        fast.scale(4, x, x); // most values beyond -3 and 3 as well as inside
        for (Activation f : new Activation[] {Activation.HARD_SIGMOID, Activation.HARD_SWISH}) {
            Tensor y = fast.zeros(shape), yRef = ref.zeros(shape), dx = fast.zeros(shape), dxRef = ref.zeros(shape);
            fast.activationForward(f, Double.POSITIVE_INFINITY, x, y);
            ref.activationForward(f, Double.POSITIVE_INFINITY, toF64(x), yRef);
            fast.activationBackward(f, Double.POSITIVE_INFINITY, x, y, dy, dx);
            ref.activationBackward(f, Double.POSITIVE_INFINITY, toF64(x), yRef, toF64(dy), dxRef);
            assertClose(f + " forward", yRef, y, TOL, EPS);
            assertClose(f + " backward", dxRef, dx, TOL, EPS);
        }
        double[] at = {-4, -1.5, 0, 1.5, 4};
        double[] hardSigmoid = {0, 0.25, 0.5, 0.75, 1}, hardSwish = {0, -0.375, 0, 1.125, 4};
        for (int i = 0; i < at.length; i++) {
            assertEquals(hardSigmoid[i], ReferenceOps.activation(Activation.HARD_SIGMOID, 0, at[i]), 1e-12, "relu6(x + 3) / 6 at " + at[i]);
            assertEquals(hardSwish[i], ReferenceOps.activation(Activation.HARD_SWISH, 0, at[i]), 1e-12, "x * relu6(x + 3) / 6 at " + at[i]);
        }
    }

    static Stream<Arguments> broadcastCases() {
        // x shape, s shape: squeeze-and-excite, drop-connect, per channel, per feature, a scalar
        return Stream.of(
                Arguments.of(new int[] {3, 5, 4, 6}, new int[] {3, 5, 1, 1}),
                Arguments.of(new int[] {4, 3, 5, 5}, new int[] {4, 1, 1, 1}),
                Arguments.of(new int[] {2, 6, 3, 7}, new int[] {1, 6, 1, 1}),
                Arguments.of(new int[] {5, 9}, new int[] {1, 9}),
                Arguments.of(new int[] {2, 3, 4, 4}, new int[] {1, 1, 1, 1}));
    }

    @ParameterizedTest
    @MethodSource("broadcastCases")
    void broadcastMultiplyAndItsGradientMatchTheReference(int[] xShape, int[] sShape) {
        Random rng = new Random(xShape[0] * 17 + sShape[1]);
        Tensor x = random(fast, rng, xShape), s = random(fast, rng, sShape), dy = random(fast, rng, xShape);
        Tensor out = fast.zeros(xShape), outRef = ref.zeros(xShape);
        fast.multiplyBroadcast(x, s, out);
        ref.multiplyBroadcast(toF64(x), toF64(s), outRef);
        assertClose("multiply broadcast", outRef, out, TOL, EPS);
        double[] xs = toF64(x).doubles(), ss = toF64(s).doubles();
        int last = xShape.length - 1, i = xs.length - 1; // the last element, by NumPy's rule, in the plain formula
        int sIndex = 0;
        for (int a = 0, stride = 1; a <= last; a++) {
            int axis = last - a, coord = i % xShape[axis];
            i /= xShape[axis];
            if (sShape[axis] != 1) {
                sIndex += coord * stride;
                stride *= sShape[axis];
            }
        }
        assertEquals(xs[xs.length - 1] * ss[sIndex], outRef.get(xs.length - 1), 1e-12, "the reference broadcasts as NumPy does");
        Tensor ds = fast.zeros(sShape), dsRef = ref.zeros(sShape);
        fast.multiplyBroadcastGrad(dy, x, ds);
        ref.multiplyBroadcastGrad(toF64(dy), toF64(x), dsRef);
        assertClose("multiply broadcast gradient", dsRef, ds, TOL, EPS);
    }

    @Test
    void imageTransformsMatchTheReferenceInEveryFillModeAndMoveWholePixelsExactly() {
        Random rng = new Random(21);
        int n = 3, c = 2, h = 7, w = 9;
        Tensor x = random(fast, rng, n, c, h, w);
        double[] t = new double[n * 8];
        for (int b = 0; b < n; b++) {
            double angle = rng.nextDouble() * 2 - 1, zoom = 0.7 + rng.nextDouble() * 0.6;
            t[b * 8] = Math.cos(angle) * zoom;
            t[b * 8 + 1] = -Math.sin(angle) * zoom;
            t[b * 8 + 2] = rng.nextDouble() * 6 - 3;
            t[b * 8 + 3] = Math.sin(angle) * zoom;
            t[b * 8 + 4] = Math.cos(angle) * zoom;
            t[b * 8 + 5] = rng.nextDouble() * 6 - 3;
        }
        Tensor transforms = fast.fromDoubles(t, n, 8);
        for (FillMode fill : FillMode.values()) {
            for (boolean bilinear : new boolean[] {true, false}) {
                Tensor y = fast.zeros(n, c, 6, 8), yRef = ref.zeros(n, c, 6, 8);
                fast.imageTransform(x, transforms, bilinear, fill, 0.5, y);
                ref.imageTransform(toF64(x), toF64(transforms), bilinear, fill, 0.5, yRef);
                assertClose("image transform " + fill + (bilinear ? " bilinear" : " nearest"), yRef, y, 1e-3, 1e-3);
            }
        }
        // a 90 degree rotation of a square image about its centre: output (x, y) reads input (y, s - 1 - x)
        int s = 5;
        Tensor square = random(fast, rng, 1, 1, s, s), rotated = fast.zeros(1, 1, s, s);
        fast.imageTransform(square, fast.fromDoubles(new double[] {0, 1, 0, -1, 0, s - 1, 0, 0}, 1, 8), true, FillMode.CONSTANT, 0, rotated);
        float[] in = square.toFloatArray(), out = rotated.toFloatArray();
        for (int yy = 0; yy < s; yy++) {
            for (int xx = 0; xx < s; xx++) {
                assertEquals(in[(s - 1 - xx) * s + yy], out[yy * s + xx], 0f, "pixel " + yy + "," + xx);
            }
        }
        assertEquals(2.0, ReferenceOps.mapCoordinate(-3, 4, FillMode.REFLECT), 0, "reflect: d c b a | a b c d");
        assertEquals(1.0, ReferenceOps.mapCoordinate(5, 4, FillMode.WRAP), 0, "wrap: a b c d | a b c d");
        assertEquals(3.0, ReferenceOps.mapCoordinate(7.5, 4, FillMode.NEAREST), 0);
    }

    @Test
    void paddingCroppingAndDropoutMatchTheReference() {
        Random rng = new Random(4);
        Tensor x = random(fast, rng, 2, 3, 5, 4);
        Tensor y = fast.zeros(2, 3, 8, 7), yRef = ref.zeros(2, 3, 8, 7);
        fast.pad2d(x, y, 1, 2);
        ref.pad2d(toF64(x), yRef, 1, 2);
        assertClose("pad", yRef, y, 0, 0);
        Tensor back = fast.zeros(2, 3, 5, 4);
        fast.crop2d(y, back, 1, 2);
        assertClose("crop", toF64(x), back, 0, 0);

        Tensor mask = fast.zeros(1000), maskRef = ref.zeros(1000);
        fast.dropoutMask(mask, 0.3, 42);
        ref.dropoutMask(maskRef, 0.3, 42);
        assertClose("dropout mask", maskRef, mask, 1e-6, 1e-6);
        int kept = 0;
        for (float v : mask.toFloatArray()) {
            kept += v > 0 ? 1 : 0;
        }
        assertEquals(700, kept, 50, "about 1 - rate of the units are kept");
    }

    @Test
    void fusedLossesMatchTheReference() {
        Random rng = new Random(6);
        Tensor z = random(fast, rng, 5, 4);
        float[] oneHot = new float[20];
        for (int r = 0; r < 5; r++) {
            oneHot[r * 4 + rng.nextInt(4)] = 1;
        }
        Tensor t = fast.fromFloats(oneHot, 5, 4);
        Tensor p = fast.zeros(5, 4), dz = fast.zeros(5, 4), pRef = ref.zeros(5, 4), dzRef = ref.zeros(5, 4);
        double loss = fast.softmaxCrossEntropy(z, t, p, dz);
        double lossRef = ref.softmaxCrossEntropy(toF64(z), toF64(t), pRef, dzRef);
        assertEquals(lossRef, loss, 1e-5);
        assertClose("softmax cross-entropy gradient", dzRef, dz, 1e-6, 1e-4);

        Tensor zb = random(fast, rng, 6, 1), tb = fast.fromFloats(new float[] {0, 1, 0, 1, 0, 1}, 6, 1);
        Tensor pb = fast.zeros(6, 1), dzb = fast.zeros(6, 1), pbRef = ref.zeros(6, 1), dzbRef = ref.zeros(6, 1);
        assertEquals(ref.sigmoidBinaryCrossEntropy(toF64(zb), toF64(tb), pbRef, dzbRef),
                fast.sigmoidBinaryCrossEntropy(zb, tb, pb, dzb), 1e-5);
        assertClose("binary cross-entropy gradient", dzbRef, dzb, 1e-6, 1e-4);
    }

    @Test
    void optimizerUpdatesMatchTheReference() {
        Random rng = new Random(7);
        Tensor w = random(fast, rng, 50), g = random(fast, rng, 50), m = fast.zeros(50), v = fast.zeros(50);
        Tensor wRef = toF64(w), gRef = toF64(g), mRef = ref.zeros(50), vRef = ref.zeros(50);
        for (long step = 1; step <= 3; step++) {
            fast.adamUpdate(w, g, m, v, 1e-3, 0.9, 0.999, 1e-7, step);
            ref.adamUpdate(wRef, gRef, mRef, vRef, 1e-3, 0.9, 0.999, 1e-7, step);
        }
        assertClose("adam", wRef, w, 1e-6, 1e-5);
        fast.sgdUpdate(w, g, m, 0.1, 0.9, true);
        ref.sgdUpdate(wRef, gRef, mRef, 0.1, 0.9, true);
        assertClose("sgd nesterov", wRef, w, 1e-5, 1e-5);
        fast.rmspropUpdate(w, g, v, 0.01, 0.9, 1e-7);
        ref.rmspropUpdate(wRef, gRef, vRef, 0.01, 0.9, 1e-7);
        assertClose("rmsprop", wRef, w, 1e-5, 1e-5);
    }
}
