package org.conv4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.conv4j.engine.Backend;
import org.conv4j.engine.OpProfile;
import org.conv4j.engine.ReferenceBackend;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fused inference of {@link Graph}: convolution, BatchNormalization and activation in one op
 * must give what the three layers give one by one, run only where no backward can follow, and
 * leave alone the chains whose intermediate outputs something else reads.
 */
class InferenceFusionTest {
    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    /**
     * MobileNetV2's patterns and their edge cases: conv-BN-ReLU6, depthwise-BN-swish, conv-BN into
     * an Add, a convolution with its own activation, a linear convolution alone (nothing to fuse),
     * and a convolution whose output two layers read (not fused: its BN would lose its input).
     */
    private static Model blocks() {
        SymbolicTensor in = InputLayer.input(8, 8, 4);
        SymbolicTensor x = new ReLU(6).apply(new BatchNormalization().apply(new Conv2D(8, 3).padding("same").useBias(false).apply(in)));
        x = new Activation("swish").apply(new BatchNormalization().apply(new DepthwiseConv2D(3).strides(2).padding("same").apply(x)));
        SymbolicTensor project = new BatchNormalization().apply(new Conv2D(4, 1).apply(x));
        SymbolicTensor shortcut = new Conv2D(4, 1).apply(new AveragePooling2D(2).apply(in));
        x = new Add().apply(project, shortcut);
        x = new Conv2D(6, 3).padding("same").activation("hard_swish").apply(x);
        SymbolicTensor shared = new Conv2D(6, 1).apply(x);
        x = new Add().apply(new BatchNormalization().apply(shared), shared);
        SymbolicTensor out = new Dense(3, "softmax").apply(new GlobalAveragePooling2D().apply(new ReLU().apply(x)));
        return new Model(in, out, "blocks");
    }

    /** Gives every BatchNormalization statistics and weights far from the identity. */
    private static void randomizeNormalization(Model m, Random rng) {
        for (Layer l : m.layers()) {
            if (l instanceof BatchNormalization bn) {
                int c = bn.gamma().value().size();
                bn.gamma().value().copyFrom(Tensor.of(values(rng, c, 0.5, 1.5), c));
                bn.beta().value().copyFrom(Tensor.of(values(rng, c, -0.5, 0.5), c));
                bn.movingMean().value().copyFrom(Tensor.of(values(rng, c, -0.3, 0.3), c));
                bn.movingVariance().value().copyFrom(Tensor.of(values(rng, c, 0.2, 2.0), c));
            }
        }
    }

    private static double[] values(Random rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return v;
    }

    private static Tensor input(Backend b, Random rng, int n) {
        double[] v = values(rng, n * 4 * 8 * 8, -2, 2);
        return b.fromDoubles(v, n, 4, 8, 8);
    }

    private static void assertClose(float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void fusedInferenceEqualsTheLayerByLayerForwardOnTheReferenceAndTheCpu() {
        for (Backend b : List.of(new ReferenceBackend(), new CpuBackend())) {
            Model m = blocks();
            m.build(b, 7);
            randomizeNormalization(m, new Random(3));
            Tensor x = input(b, new Random(5), 5);
            float[] layered = m.forward(x, false).toFloatArray();
            float[] fused = m.forwardInference(x).toFloatArray();
            assertClose(layered, fused, b instanceof ReferenceBackend ? 1e-6 : 2e-5);
        }
    }

    /** The calls of each op a forward makes. */
    private static Map<String, Long> opCalls(OpProfile profile, Runnable forward) {
        profile.start();
        forward.run();
        profile.stop();
        return profile.byOp().stream().collect(Collectors.toMap(OpProfile.Entry::op, OpProfile.Entry::calls));
    }

    @Test
    void inferenceFusesEveryChainButTheSharedOne() {
        OpProfile profile = OpProfile.of(new CpuBackend());
        Model m = blocks();
        m.build(profile.wrap(), 7);
        Tensor x = input(new CpuBackend(), new Random(5), 2);
        Map<String, Long> fused = opCalls(profile, () -> m.forwardInference(x));
        // conv-BN-ReLU6, depthwise-BN-swish, conv-BN, the hard_swish conv; the shared conv's BN runs alone.
        assertEquals(4L, fused.get("conv2dForwardActivation"), fused.toString());
        assertEquals(2L, fused.get("conv2dForward"), fused.toString());
        assertEquals(1L, fused.get("batchNormInference"), fused.toString());
        Map<String, Long> layered = opCalls(profile, () -> m.forward(x, false));
        assertEquals(null, layered.get("conv2dForwardActivation"), "a forward that a backward may follow fuses nothing trained");
        assertEquals(4L, layered.get("batchNormInference"), layered.toString());
    }

    @Test
    void aFrozenBaseFusesInTrainingWhileATrainableOneDoesNot() {
        OpProfile profile = OpProfile.of(new CpuBackend());
        SymbolicTensor in = InputLayer.input(8, 8, 4);
        SymbolicTensor features = new ReLU(6).apply(new BatchNormalization().apply(new Conv2D(8, 3).useBias(false).apply(in)));
        Model base = new Model(in, features, "base");
        SymbolicTensor in2 = InputLayer.input(8, 8, 4);
        SymbolicTensor out = new Dense(3, "softmax").apply(new Flatten().apply(base.apply(in2)));
        Model full = new Model(in2, out, "full");
        full.build(profile.wrap(), 1);
        Tensor x = input(new CpuBackend(), new Random(2), 2);

        base.setTrainable(false);
        Map<String, Long> frozen = opCalls(profile, () -> full.forward(x, true));
        assertEquals(1L, frozen.get("conv2dForwardActivation"), frozen.toString());
        assertEquals(null, frozen.get("batchNormInference"), frozen.toString());
        full.backward(Tensor.zeros(x.dtype(), 2, 3));

        base.setTrainable(true);
        Map<String, Long> trainable = opCalls(profile, () -> full.forward(x, true));
        assertEquals(null, trainable.get("conv2dForwardActivation"), trainable.toString());
        assertEquals(1L, trainable.get("batchNormTraining"), trainable.toString());
    }

    @Test
    void backwardAfterAnInferenceOnlyForwardIsAClearError() {
        Model m = blocks();
        m.build(new CpuBackend(), 7);
        Tensor x = input(new CpuBackend(), new Random(5), 2);
        m.forwardInference(x);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.backward(Tensor.zeros(x.dtype(), 2, 3)));
        assertTrue(e.getMessage().contains("forwardInference"), e.getMessage());
        m.forward(x, true);
        m.backward(Tensor.zeros(x.dtype(), 2, 3));
    }
}
