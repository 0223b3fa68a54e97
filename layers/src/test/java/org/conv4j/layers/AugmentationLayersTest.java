package org.conv4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.conv4j.engine.ReferenceBackend;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.io.ModelIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras's preprocessing and augmentation layers: identity at inference, seeded, exact where exact, ranges and shapes, CPU = reference. */
class AugmentationLayersTest {
    private final CpuBackend cpu = new CpuBackend(2);

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    private static Tensor images(int n, int c, int h, int w, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(256);
        }
        return Tensor.of(v, n, c, h, w);
    }

    private Tensor run(Layer layer, Tensor x, boolean training, long step, org.conv4j.engine.Backend b) {
        layer.build(List.<int[]>of(java.util.Arrays.copyOfRange(x.shape(), 1, 4)));
        layer.materialize(b, new Random(1));
        layer.setTrainingStep(step);
        Tensor in = b.fromFloats(x.toFloatArray(), x.shape());
        return layer.forward(List.of(in), training);
    }

    private static List<java.util.function.Supplier<Layer>> augmentations() {
        return List.of(() -> new RandomFlip(), () -> new RandomRotation(0.2), () -> new RandomZoom(0.3),
                () -> new RandomTranslation(0.2, 0.1), () -> RandomColorLayer.brightness(0.3), () -> RandomColorLayer.contrast(0.5));
    }

    @Test
    void augmentationIsTheIdentityAtInferenceAndSeededInTraining() {
        Tensor x = images(4, 3, 9, 11, 1);
        for (var make : augmentations()) {
            Layer a = make.get();
            assertArrayEquals(x.toFloatArray(), run(a, x, false, 0, cpu).toFloatArray(), 0f, a.className() + " at inference");
            float[] first = run(make.get(), x, true, 5, cpu).toFloatArray().clone();
            Layer again = make.get();
            ((SeededLayer) again).setSeed(((Layer) a).name().hashCode());
            Layer same = make.get();
            ((SeededLayer) same).setSeed(42);
            Layer twin = make.get();
            ((SeededLayer) twin).setSeed(42);
            float[] s1 = run(same, x, true, 5, cpu).toFloatArray().clone(), s2 = run(twin, x, true, 5, cpu).toFloatArray();
            assertArrayEquals(s1, s2, 0f, a.className() + ": the same seed and step give the same images");
            float[] other = run(twin, x, true, 6, cpu).toFloatArray();
            assertFalse(java.util.Arrays.equals(s1, other), a.className() + ": the next step draws anew");
            assertEquals(x.size(), first.length);
        }
    }

    @Test
    void theCpuPathMatchesTheReferenceBackend() {
        Tensor x = images(3, 2, 8, 10, 2);
        ReferenceBackend ref = new ReferenceBackend();
        for (var make : augmentations()) {
            Layer a = make.get(), b = make.get();
            ((SeededLayer) a).setSeed(9);
            ((SeededLayer) b).setSeed(9);
            float[] fast = run(a, x, true, 3, cpu).toFloatArray();
            float[] slow = run(b, x, true, 3, ref).toFloatArray();
            for (int i = 0; i < fast.length; i++) {
                assertEquals(slow[i], fast[i], 1e-3 + Math.abs(slow[i]) * 1e-4, a.className() + " value " + i);
            }
        }
        Tensor r1 = run(new Resizing(5, 13), x, false, 0, cpu), r2 = run(new Resizing(5, 13), x, false, 0, ref);
        assertArrayEquals(r2.toFloatArray(), r1.toFloatArray(), 1e-3f);
    }

    @Test
    void exactResults() {
        Tensor x = images(6, 3, 7, 7, 3);
        RandomFlip flip = new RandomFlip("horizontal");
        flip.setSeed(4);
        Tensor once = run(flip, x, true, 1, cpu);
        RandomFlip flipAgain = new RandomFlip("horizontal");
        flipAgain.setSeed(4);
        assertArrayEquals(x.toFloatArray(), run(flipAgain, once.copy(), true, 1, cpu).toFloatArray(), 0f, "the same flip twice");
        float[] o = once.toFloatArray(), in = x.toFloatArray();
        for (int n = 0; n < 6; n++) {
            boolean same = true, mirrored = true;
            for (int i = 0; i < 147; i++) {
                int c = i / 49, y = i / 7 % 7, xx = i % 7;
                same &= o[n * 147 + i] == in[n * 147 + i];
                mirrored &= o[n * 147 + i] == in[n * 147 + c * 49 + y * 7 + (6 - xx)];
            }
            assertTrue(same || mirrored, "image " + n + " is kept or mirrored left-right");
        }
        RandomRotation quarter = new RandomRotation(new double[] {0.25, 0.25}, "constant", "bilinear", 0);
        float[] r = run(quarter, x, true, 0, cpu).toFloatArray();
        for (int y = 0; y < 7; y++) {
            for (int xx = 0; xx < 7; xx++) {
                // a quarter turn about the centre: output (x, y) reads input (x', y') = (cos x - sin y + ox, sin x + cos y + oy)
                assertEquals(in[(xx) * 7 + (6 - y)], r[y * 7 + xx], 1e-3, "pixel " + y + "," + xx);
            }
        }
        Tensor cropped = run(new CenterCrop(3, 5), images(1, 1, 7, 9, 5), false, 0, cpu);
        float[] src = images(1, 1, 7, 9, 5).toFloatArray(), cc = cropped.toFloatArray();
        for (int y = 0; y < 3; y++) {
            for (int xx = 0; xx < 5; xx++) {
                assertEquals(src[(y + 2) * 9 + xx + 2], cc[y * 5 + xx], 1e-4, "centre crop");
            }
        }
        assertArrayEquals(new int[] {1, 1, 3, 5}, cropped.shape());
        Tensor big = images(5, 1, 8, 8, 6);
        float[] window = run(new RandomCrop(3, 3), big, true, 2, cpu).toFloatArray(), b8 = big.toFloatArray();
        for (int n = 0; n < 5; n++) {
            boolean found = false;
            for (int top = 0; top <= 5 && !found; top++) {
                for (int left = 0; left <= 5 && !found; left++) {
                    boolean all = true;
                    for (int i = 0; i < 9 && all; i++) {
                        all = Math.abs(window[n * 9 + i] - b8[n * 64 + (top + i / 3) * 8 + left + i % 3]) < 1e-3;
                    }
                    found = all;
                }
            }
            assertTrue(found, "image " + n + ": a 3x3 window of the input, moved whole");
        }
        assertArrayEquals(new int[] {5, 1, 3, 3}, run(new RandomCrop(3, 3), big, false, 0, cpu).shape(), "inference: smart resize");
    }

    @Test
    void colourLayersStayInTheValueRange() {
        Tensor x = images(8, 3, 6, 6, 7);
        for (Layer l : List.of(RandomColorLayer.brightness(0.9), RandomColorLayer.contrast(0.9))) {
            float[] y = run(l, x, true, 2, cpu).toFloatArray();
            for (float v : y) {
                assertTrue(v >= 0 && v <= 255, l.className() + " gave " + v);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> RandomColorLayer.contrast(1.5));
    }

    @Test
    void aModelWithAugmentationTrainsSavesAndLoads(@TempDir Path dir) throws Exception {
        Sequential m = new Sequential().input(8, 8, 3).add(new RandomFlip()).add(new RandomRotation(0.1)).add(new RandomZoom(0.1))
                .add(new Rescaling(1 / 255.0)).add(new Conv2D(4, 3).activation("relu")).add(new GlobalAveragePooling2D())
                .add(new Dense(2, "softmax"));
        m.build(cpu, 3);
        m.compile(new org.conv4j.layers.optimizers.Adam(0.01), new org.conv4j.layers.train.SparseCategoricalCrossentropy(), "accuracy");
        Tensor x = images(32, 3, 8, 8, 9);
        float[] labels = new float[32];
        for (int i = 0; i < 32; i++) {
            labels[i] = i % 2;
        }
        var history = m.fit(x, Tensor.of(labels, 32), new org.conv4j.layers.train.FitOptions().epochs(2).batchSize(8).verbose(0).seed(1L));
        assertEquals(2, history.series().get("loss").size());
        ModelIO.save(m, dir.resolve("aug.conv4j"));
        Model loaded = ModelIO.load(dir.resolve("aug.conv4j"), cpu);
        assertEquals(m.summary(), loaded.summary());
        assertArrayEquals(m.predict(x, 8).floats(), loaded.predict(x, 8).floats(), 0f, "augmentation is off in predict");
        Layer.resetNames();
        Sequential frozenAfterFlip = new Sequential().input(8, 8, 3).add(new RandomFlip()).add(new Conv2D(3, 3))
                .add(new GlobalAveragePooling2D()).add(new Dense(2, "softmax"));
        frozenAfterFlip.build(cpu, 2);
        frozenAfterFlip.layers().get(1).setTrainable(false);
        frozenAfterFlip.compile(new org.conv4j.layers.optimizers.Adam(0.01), new org.conv4j.layers.train.SparseCategoricalCrossentropy());
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        frozenAfterFlip.fit(x, Tensor.of(labels, 32), new org.conv4j.layers.train.FitOptions().epochs(1).batchSize(8).verbose(2)
                .out(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(log.toString(java.nio.charset.StandardCharsets.UTF_8).contains("follow random_flip (RandomFlip)"), log.toString());
        Sequential bad = new Sequential().input(8, 8, 3).add(new Conv2D(3, 3).padding("same")).add(new RandomRotation(0.1))
                .add(new GlobalAveragePooling2D()).add(new Dense(2, "softmax"));
        bad.build(cpu, 1);
        bad.compile(new org.conv4j.layers.optimizers.Adam(0.01), new org.conv4j.layers.train.SparseCategoricalCrossentropy());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> bad.fit(x, Tensor.of(labels, 32), new org.conv4j.layers.train.FitOptions().epochs(1).batchSize(8).verbose(0)));
        assertTrue(e.getMessage().contains("random_rotation") && e.getMessage().contains("before"), e.getMessage());
    }
}
