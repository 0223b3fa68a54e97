package org.conv4j.zoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Parameter;
import org.conv4j.zoo.keras.KerasWeightLoader.Matching;
import org.conv4j.zoo.models.MobileNetV2;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras H5 import: the real application files here, stand-in files of the exact layout, bad files. */
class KerasImportTest {
    /**
     * Default layer names depend on how many layers were made before; starting each test from
     * fresh names makes the stand-in files the same whatever order the tests run in (jhdf 0.9.4's
     * writer produces unreadable files for some name sets, so the names must not vary).
     */
    @BeforeEach
    void freshLayerNames() {
        org.conv4j.layers.Layer.resetNames();
    }

    static final String MOBILENET_035 = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5";
    static final String MOBILENET_05 = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.5_224_no_top.h5";
    static final String MOBILENET_V1_025 = "mobilenet_2_5_224_tf_no_top.h5";
    private final CpuBackend cpu = new CpuBackend(2);

    static Optional<Path> realFile(String name) {
        String v = System.getenv("CONV4J_DATA");
        if (v == null) {
            return Optional.empty();
        }
        for (Path p : new Path[] {Path.of(v), Path.of("..").resolve(v)}) {
            Path f = p.resolve("keras").resolve(name);
            if (Files.isRegularFile(f)) {
                return Optional.of(f.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    static Path requireReal(String name) {
        Optional<Path> f = realFile(name);
        Assumptions.assumeTrue(f.isPresent(), "Keras file " + name + " absent: set CONV4J_DATA to a folder holding keras/" + name);
        return f.get();
    }

    /** Keras's element [i0][i1]... of a nested array written by the stand-in. */
    static float at(Object nested, int... index) {
        Object a = nested;
        for (int i = 0; i < index.length - 1; i++) {
            a = Array.get(a, index[i]);
        }
        return Array.getFloat(a, index[index.length - 1]);
    }

    @Test
    void realLegacyNamedFilesLoadByTopologicalOrder() throws IOException {
        for (String name : new String[] {MOBILENET_035, MOBILENET_05}) {
            Path file = requireReal(name);
            double alpha = name.contains("0.35") ? 0.35 : 0.5;
            Model m = MobileNetV2.build(alpha, 224, 224, false, null, 1000).build(cpu, 1);
            KerasH5File h5 = KerasH5File.read(file);
            assertEquals(104, h5.layersWithWeights().size());
            assertEquals("mobl1_conv_1_expand", h5.layersWithWeights().get(6).name());
            KerasWeightLoader.load(m, file, Matching.TOPOLOGICAL);
            // Conv1 kernel: Keras (3,3,3,F) [y][x][c][f] -> ours (F,3,3,3) [f][c][y][x]
            KerasH5File.Weight k = h5.layersWithWeights().get(0).weights().get(0);
            int f = k.shape()[3];
            Tensor ours = m.getLayer("Conv1").weights().get(0).value();
            assertEquals(k.values()[((1 * 3 + 2) * 3 + 2) * f + 5], ours.get(((5 * 3 + 2) * 3 + 1) * 3 + 2), 0f);
            // a moving variance goes over unchanged
            KerasH5File.Weight var = h5.layersWithWeights().get(1).weights().get(3);
            assertEquals(var.values()[3], m.getLayer("bn_Conv1").weights().get(3).value().get(3), 0f);
        }
    }

    @Test
    void byNameOnLegacyNamesNamesTheMissingLayer() {
        Path file = requireReal(MOBILENET_035);
        Model m = MobileNetV2.build(0.35, 224, 224, false, null, 1000).build(cpu, 1);
        IOException e = assertThrows(IOException.class, () -> KerasWeightLoader.load(m, file, Matching.BY_NAME));
        assertTrue(e.getMessage().contains("expanded_conv_depthwise") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void standInFilesPlaceEveryValueWhereKerasWould(@TempDir Path dir) throws Exception {
        Model source = MobileNetV2.build(1.0, 32, 32, false, null, 1000);
        for (boolean legacy : new boolean[] {false, true}) {
            Path file = dir.resolve("mnv2_" + legacy + ".h5");
            Map<String, Object> written = KerasStandIn.write(file, source, new Random(legacy ? 2 : 1),
                    legacy ? n -> "legacy_" + n : n -> n, null, null);
            Model m = MobileNetV2.build(1.0, 32, 32, false, null, 1000).build(cpu, 9);
            KerasWeightLoader.load(m, file, Matching.TOPOLOGICAL);
            checkEveryValue(m, written);
            if (!legacy) {
                Model byName = MobileNetV2.build(1.0, 32, 32, false, null, 1000).build(cpu, 9);
                KerasWeightLoader.load(byName, file, Matching.BY_NAME);
                checkEveryValue(byName, written);
            }
        }
    }

    @Test
    void fullModelFilesAndSplitLayerNamesLoad(@TempDir Path dir) throws Exception {
        Model source = MobileNetV2.build(0.35, 32, 32, true, null, 10);
        Path file = dir.resolve("full.h5");
        Map<String, Object> written = KerasStandIn.write(file, source, new Random(3), n -> n, null, null, true, 3);
        Model m = MobileNetV2.build(0.35, 32, 32, true, null, 10).build(cpu, 1);
        KerasWeightLoader.load(m, file, Matching.TOPOLOGICAL);
        checkEveryValue(m, written);
    }

    @Test
    void aModelWithANestedModelIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        org.conv4j.layers.SymbolicTensor in = org.conv4j.layers.InputLayer.input(32, 32, 3);
        Model base = MobileNetV2.build(0.35, 32, 32, false, "avg", 1000);
        Model full = new Model(in, new org.conv4j.layers.Dense(3).apply(base.apply(in)), "full");
        full.build(cpu, 1);
        Path file = dir.resolve("nested.h5");
        KerasStandIn.write(file, full, new Random(1), n -> n, null, null);
        IOException e = assertThrows(IOException.class, () -> KerasWeightLoader.load(full, file, Matching.TOPOLOGICAL));
        assertTrue(e.getMessage().contains("nested model") && e.getMessage().contains(base.name()), e.getMessage());
    }

    /** Compares every weight with the nested Keras-shaped array written, index by index. */
    static void checkEveryValue(Model m, Map<String, Object> written) {
        int checked = 0;
        for (Layer l : m.layers()) {
            for (Parameter p : l.weights()) {
                Object k = written.get(l.name() + "/" + p.name());
                Tensor v = p.value();
                int[] s = p.shape();
                for (int i = 0; i < v.size(); i++) {
                    float expected;
                    if (s.length == 4 && l.className().equals("DepthwiseConv2D")) {
                        int c = l.inputShape()[0], mult = s[0] / c;
                        int co = i / (s[2] * s[3]), y = i / s[3] % s[2], x = i % s[3];
                        expected = at(k, y, x, co / mult, co % mult);
                    } else if (s.length == 4) {
                        int o = i / (s[1] * s[2] * s[3]), c = i / (s[2] * s[3]) % s[1], y = i / s[3] % s[2], x = i % s[3];
                        expected = at(k, y, x, c, o);
                    } else if (s.length == 2) {
                        expected = at(k, i % s[1], i / s[1]);
                    } else {
                        expected = at(k, i);
                    }
                    assertEquals(expected, v.get(i), 0f, l.name() + "/" + p.name() + " [" + i + "]");
                    checked++;
                }
            }
        }
        assertEquals(m.countParams(), checked);
    }

    @Test
    void badFilesGiveNamedErrors(@TempDir Path dir) throws Exception {
        Model m = MobileNetV2.build(0.35, 32, 32, false, null, 1000).build(cpu, 1);
        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "this is not HDF5");
        IOException e = assertThrows(IOException.class, () -> KerasWeightLoader.load(m, text, Matching.TOPOLOGICAL));
        assertTrue(e.getMessage().contains("notes.h5"), e.getMessage());

        Path good = dir.resolve("good.h5");
        KerasStandIn.write(good, m, new Random(1), n -> n, null, null);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.h5");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(IOException.class, () -> KerasWeightLoader.load(m, truncated, Matching.TOPOLOGICAL));
        assertTrue(e.getMessage().contains("truncated.h5"), e.getMessage());

        Path missing = dir.resolve("missing.h5");
        KerasStandIn.write(missing, m, new Random(1), n -> n, "block_3_project", null);
        e = assertThrows(IOException.class, () -> KerasWeightLoader.load(m, missing, Matching.TOPOLOGICAL));
        assertTrue(e.getMessage().contains("layer count mismatch"), e.getMessage());
        e = assertThrows(IOException.class, () -> KerasWeightLoader.load(m, missing, Matching.BY_NAME));
        assertTrue(e.getMessage().contains("block_3_project"), e.getMessage());

        Path reshaped = dir.resolve("reshaped.h5");
        KerasStandIn.write(reshaped, m, new Random(1), n -> "old_" + n, null, "block_3_project/kernel");
        double before = m.getLayer("Conv1").weights().get(0).value().get(0);
        e = assertThrows(IOException.class, () -> KerasWeightLoader.load(m, reshaped, Matching.TOPOLOGICAL));
        assertTrue(e.getMessage().contains("layer block_3_project (file: old_block_3_project): kernel shape (1,1,48,17)")
                && e.getMessage().contains("expected (1,1,48,16)"), e.getMessage());
        assertEquals(before, m.getLayer("Conv1").weights().get(0).value().get(0), 0f, "a failed load changes nothing");
    }
}
