package org.conv4j.zoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Model;
import org.conv4j.zoo.keras.KerasWeightLoader.Matching;
import org.conv4j.zoo.models.MobileNetV2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conv4j's MobileNetV2 (float32, NCHW, through the importer) against the independent NHWC float64
 * Keras forward pass of {@link KerasForwardOracle}, on the same H5 weights:
 * ||conv4j - oracle|| / ||oracle|| < 1e-4.
 */
class KerasForwardTest {
    /**
     * Default layer names depend on how many layers were made before; starting each test from
     * fresh names makes the stand-in files the same whatever order the tests run in (jhdf 0.9.4's
     * writer produces unreadable files for some name sets, so the names must not vary).
     */
    @BeforeEach
    void freshLayerNames() {
        org.conv4j.layers.Layer.resetNames();
    }

    private final CpuBackend cpu = new CpuBackend(2);

    /** ||ours - ref|| / ||ref||, ours NCHW (or (N, C)) against the oracle's NHWC. */
    static double relativeError(Tensor oursNchw, KerasForwardOracle.Images ref) {
        double diff = 0, norm = 0;
        int n = ref.n(), h = ref.h(), w = ref.w(), c = ref.c();
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        double r = ref.v()[((b * h + y) * w + x) * c + ch];
                        double o = oursNchw.size() == n * c ? oursNchw.get(b * c + ch) : oursNchw.get(((b * c + ch) * h + y) * w + x);
                        diff += (o - r) * (o - r);
                        norm += r * r;
                    }
                }
            }
        }
        assertTrue(norm > 0 && Double.isFinite(norm), "the oracle's output is finite and not all zero");
        return Math.sqrt(diff / norm);
    }

    /** Fills {@code nhwc} with uniform values in [-scale, scale) and returns the same images in NCHW. */
    static float[] randomImages(Random rng, double[] nhwc, int n, int size, double scale) {
        float[] nchw = new float[nhwc.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int c = 0; c < 3; c++) {
                        double v = (rng.nextDouble() * 2 - 1) * scale;
                        nhwc[((b * size + y) * size + x) * 3 + c] = v;
                        nchw[((b * 3 + c) * size + y) * size + x] = (float) v;
                    }
                }
            }
        }
        return nchw;
    }

    private void compare(Path weights, double alpha, boolean top, int size, long seed) throws Exception {
        int n = 2;
        double[] nhwc = new double[n * size * size * 3];
        float[] nchw = randomImages(new Random(seed), nhwc, n, size, 1);
        KerasH5File file = KerasH5File.read(weights);
        KerasForwardOracle oracle = new KerasForwardOracle(file);
        KerasForwardOracle.Images ref = oracle.mobileNetV2(new KerasForwardOracle.Images(nhwc, n, size, size, 3), alpha, top);
        assertTrue(oracle.allUsed(), "the oracle reads every weight of the file");
        Model model = MobileNetV2.build(alpha, size, size, top, null, 1000).build(cpu, 1);
        KerasWeightLoader.load(model, file, Matching.TOPOLOGICAL, false);
        Tensor ours = model.predict(Tensor.of(nchw, n, 3, size, size), n);
        assertEquals(ref.v().length, ours.size());
        double error = relativeError(ours, ref);
        assertTrue(error < 1e-4, "alpha " + alpha + " at " + size + ": relative error " + error);
    }

    @Test
    void realAlpha035WeightsAt32And64And97() throws Exception {
        Path weights = KerasImportTest.requireReal(KerasImportTest.MOBILENET_035);
        compare(weights, 0.35, false, 32, 1);
        compare(weights, 0.35, false, 64, 2);
        compare(weights, 0.35, false, 97, 3);
    }

    @Test
    void realAlpha05Weights() throws Exception {
        compare(KerasImportTest.requireReal(KerasImportTest.MOBILENET_05), 0.5, false, 48, 4);
    }

    @Test
    void aDenseAfterFlattenGetsItsRowsPermutedFromKerasOrder(@TempDir Path dir) throws Exception {
        java.util.function.Supplier<Model> build = () -> {
            org.conv4j.layers.SymbolicTensor in = org.conv4j.layers.InputLayer.input(16, 16, 3);
            org.conv4j.layers.SymbolicTensor x = new org.conv4j.layers.Conv2D(8, 3).padding("same").activation("relu").apply(in);
            x = new org.conv4j.layers.MaxPooling2D(2).apply(x);
            x = new org.conv4j.layers.Conv2D(16, 3).padding("same").activation("relu").apply(x);
            x = new org.conv4j.layers.MaxPooling2D(2).apply(x);
            x = new org.conv4j.layers.Flatten().apply(x);
            x = new org.conv4j.layers.BatchNormalization().apply(x);
            x = new org.conv4j.layers.Dropout(0.5).apply(x);
            x = new org.conv4j.layers.Dense(10, "relu").apply(x);
            return new Model(in, new org.conv4j.layers.Dense(3, "softmax").apply(x), "mini_vgg");
        };
        Path file = dir.resolve("mini_vgg.h5");
        KerasStandIn.write(file, build.get(), new Random(8), name -> name, null, null);
        int n = 3, size = 16;
        double[] nhwc = new double[n * size * size * 3];
        float[] nchw = randomImages(new Random(9), nhwc, n, size, 3);
        KerasH5File h5 = KerasH5File.read(file);
        KerasForwardOracle.Images ref = new KerasForwardOracle(h5).miniVgg(new KerasForwardOracle.Images(nhwc, n, size, size, 3));
        Model model = build.get().build(cpu, 1);
        KerasWeightLoader.load(model, h5, Matching.TOPOLOGICAL, false);
        double error = relativeError(model.predict(Tensor.of(nchw, n, 3, size, size), n), ref);
        assertTrue(error < 1e-5, "relative error " + error);
    }

    @Test
    void vgg16NoTopAgreesWithTheOracle(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vgg16_notop.h5");
        KerasStandIn.write(file, org.conv4j.zoo.models.VGG.vgg16(32, 32, false, null, 1000), new Random(10), name -> "legacy_" + name,
                null, null);
        int n = 1, size = 32;
        double[] nhwc = new double[n * size * size * 3];
        float[] nchw = randomImages(new Random(11), nhwc, n, size, 100);
        KerasH5File h5 = KerasH5File.read(file);
        KerasForwardOracle oracle = new KerasForwardOracle(h5);
        KerasForwardOracle.Images ref = oracle.vgg16NoTop(new KerasForwardOracle.Images(nhwc, n, size, size, 3));
        assertTrue(oracle.allUsed());
        Model model = org.conv4j.zoo.models.VGG.vgg16(32, 32, false, null, 1000).build(cpu, 1);
        KerasWeightLoader.load(model, h5, Matching.TOPOLOGICAL, false);
        double error = relativeError(model.predict(Tensor.of(nchw, n, 3, size, size), n), ref);
        assertTrue(error < 1e-4, "relative error " + error);
    }

    @Test
    void standInAlpha1WithTopCurrentAndLegacyNames(@TempDir Path dir) throws Exception {
        Model source = MobileNetV2.build(1.0, 32, 32, true, null, 1000);
        Path current = dir.resolve("current.h5"), legacy = dir.resolve("legacy.h5");
        KerasStandIn.write(current, source, new Random(5), name -> name, null, null);
        KerasStandIn.write(legacy, source, new Random(6), name -> "old_" + name, null, null);
        compare(current, 1.0, true, 32, 5);
        compare(legacy, 1.0, true, 32, 6);
    }

    @Test
    void standInAlpha1NoTopAt224(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mnv2_224.h5");
        KerasStandIn.write(file, MobileNetV2.build(1.0, 224, 224, false, null, 1000), new Random(7), name -> "old_" + name, null, null);
        compare(file, 1.0, false, 224, 7);
    }
}
