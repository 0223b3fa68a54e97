package org.conv4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.io.ModelIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layers the Keras applications need, against values worked out by hand from Keras's definitions. */
class KerasLayersTest {
    private final CpuBackend cpu = new CpuBackend(2);

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    private Tensor run(Layer layer, boolean training, Tensor... inputs) {
        List<int[]> shapes = new java.util.ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(java.util.Arrays.copyOfRange(t.shape(), 1, t.rank()));
        }
        layer.build(shapes);
        layer.materialize(cpu, new Random(1));
        return layer.forward(List.of(inputs), training);
    }

    @Test
    void normalizationDividesByTheRootOfTheVarianceWithKerasFloor() {
        Normalization norm = new Normalization();
        Tensor x = Tensor.of(new float[] {3, 5, 7, 2.5f}, 1, 2, 1, 2);  // channel 0: 3, 5; channel 1: 7, 2.5
        norm.build(List.<int[]>of(new int[] {2, 1, 2}));
        norm.materialize(cpu, new Random(1));
        assertEquals(5, norm.countParams(), "mean and variance per channel and the scalar count");
        norm.mean().copyFrom(Tensor.of(new float[] {1, 2}, 2));
        norm.variance().copyFrom(Tensor.of(new float[] {4, 0}, 2));
        float[] y = norm.forward(List.of(x), false).toFloatArray();
        assertEquals(1f, y[0], 1e-6f, "(3 - 1) / sqrt(4)");
        assertEquals(2f, y[1], 1e-6f);
        assertEquals(5e7f, y[2], 5e7f * 1e-4f, "(7 - 2) / max(sqrt(0), 1e-7)");
        assertEquals(List.of("mean", "variance", "count"), norm.weights().stream().map(Parameter::name).toList());
        assertEquals(0, norm.countTrainableParams());
    }

    @Test
    void rescalingScalesAndOffsetsPerChannel() {
        Tensor x = Tensor.of(new float[] {255, 0, 255, 0}, 1, 2, 1, 2);
        assertArrayEquals(new float[] {1, -1, 1, -1}, run(new Rescaling(1 / 127.5, -1), false, x).toFloatArray(), 1e-6f);
        float[] y = run(new Rescaling(new double[] {2, 3}, new double[] {1, 0}), false, x).toFloatArray();
        assertArrayEquals(new float[] {511, 1, 765, 0}, y, 1e-4f);
        assertThrows(IllegalArgumentException.class, () -> run(new Rescaling(new double[] {1, 2, 3}, new double[] {0}), false, x),
                "three scales for two channels");
    }

    @Test
    void multiplyBroadcastsSqueezeAndExciteWeightsOverTheImage() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2);
        Tensor se = Tensor.of(new float[] {10, -1}, 1, 2, 1, 1);
        assertArrayEquals(new float[] {10, 20, 30, 40, -5, -6, -7, -8}, run(new Multiply(), false, x, se).toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new Multiply(), false, x, Tensor.of(new float[] {1, 2}, 1, 1, 1, 2)));
        assertTrue(e.getMessage().contains("(None, 1, 2, 1)") && e.getMessage().contains("(None, 2, 2, 2)"), e.getMessage());
    }

    @Test
    void dropoutWithNoiseShapeKeepsOrDropsWholeSamples() {
        Dropout drop = new Dropout(0.5).noiseShape(1, 1, 1);
        drop.setTrainingStep(3);
        float[] y = run(drop, true, Tensor.of(filled(64 * 12, 1f), 64, 3, 2, 2)).toFloatArray();
        int kept = 0;
        for (int n = 0; n < 64; n++) {
            float first = y[n * 12];
            assertTrue(first == 0f || first == 2f, "a sample is dropped or scaled by 1 / (1 - rate)");
            for (int i = 1; i < 12; i++) {
                assertEquals(first, y[n * 12 + i], "one value per sample");
            }
            kept += first > 0 ? 1 : 0;
        }
        assertTrue(kept > 16 && kept < 48, kept + " of 64 samples kept at rate 0.5");
        assertThrows(IllegalArgumentException.class, () -> run(new Dropout(0.5).noiseShape(2, 2, 1), true,
                Tensor.of(filled(12, 1f), 1, 3, 2, 2)), "a spatial mask shared by the channels is not one conv4j broadcasts");
    }

    @Test
    void reshapeThatWouldReorderValuesIsRefusedWithBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Reshape(4, 3).apply(InputLayer.input(2, 2, 3)));
        assertTrue(e.getMessage().contains("(None, 2, 2, 3)") && e.getMessage().contains("(None, 4, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Reshape(5, -1).apply(InputLayer.input(12)), "12 is not a multiple of 5");
        assertArrayEquals(new int[] {12, 1, 1}, new Reshape(1, 1, -1).apply(InputLayer.input(12)).shape());
    }

    @Test
    void squeezeAndExciteModelSavesAndLoadsBitIdentically(@TempDir Path dir) throws IOException {
        SymbolicTensor in = InputLayer.input(4, 4, 3);
        SymbolicTensor x = new Rescaling(new double[] {0.5, 1, 2}, new double[] {0.1}).apply(in);
        x = new Normalization().apply(x);
        SymbolicTensor se = new GlobalAveragePooling2D().apply(x);
        se = new Reshape(1, 1, 3).apply(se);
        se = new Conv2D(3, 1).apply(se);
        se = ScalarOperation.multiply(new ReLU(6).apply(ScalarOperation.add(se, 3)), 1.0 / 6); // MobileNetV3's hard_sigmoid
        x = new Multiply().apply(x, se);
        SymbolicTensor pooled = new GlobalAveragePooling2D().keepdims(true).apply(new Activation("hard_swish").apply(x));
        SymbolicTensor out = new Dropout(0.2).noiseShape(1, 1, 1).apply(pooled);
        Model m = new Model(in, new Flatten().apply(out), "se").build(cpu, 3);
        assertTrue(m.layers().stream().noneMatch(Layer::isOperation), "x + 3 and * (1/6) are operations, not layers");
        assertEquals(12, m.layers().size(), "input, rescaling, normalization, two poolings, reshape, conv2d, re_lu, multiply, activation, dropout, flatten");
        Tensor input = Tensor.of(filled(2 * 48, 0.3f), 2, 3, 4, 4);
        Tensor before = m.predict(input, 2);
        ModelIO.save(m, dir.resolve("se.conv4j"));
        Model loaded = ModelIO.load(dir.resolve("se.conv4j"), cpu);
        assertEquals(m.summary(), loaded.summary());
        assertArrayEquals(before.floats(), loaded.predict(input, 2).floats(), 0f);
        float[] y = before.floats();
        boolean varied = false;
        for (float v : y) {
            varied |= v != y[0];
        }
        assertTrue(varied || y[0] != 0, "the round trip compares a real output");
    }

    @Test
    void hardSigmoidOperationsComputeRelu6OfXPlus3Over6() {
        SymbolicTensor in = InputLayer.input(4);
        Model m = new Model(in, ScalarOperation.multiply(new ReLU(6).apply(ScalarOperation.add(in, 3)), 1.0 / 6), "hs").build(cpu, 1);
        float[] y = m.predict(Tensor.of(new float[] {-4, -1.5f, 1.5f, 4}, 1, 4), 1).toFloatArray();
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, y, 1e-6f);
        assertEquals(List.of("input_layer", "re_lu"), m.layers().stream().map(l -> l.name().startsWith("input_layer") ? "input_layer" : l.name()).toList());
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
