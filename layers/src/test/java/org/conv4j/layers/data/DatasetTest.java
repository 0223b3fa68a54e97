package org.conv4j.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.Layer;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.layers.train.History;
import org.junit.jupiter.api.Test;

/** The dataset pipeline: order, shuffling, batching, take/skip, maps, prefetching, caching, errors, bounded memory, and fit on it. */
class DatasetTest {
    /** n samples whose single value is their index, labelled index % 3. */
    private static Dataset numbers(int n) {
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 3;
        }
        return Dataset.fromTensors(Tensor.of(x, n, 1), Tensor.of(y, n));
    }

    private static List<float[]> values(Dataset d, int epoch) {
        List<float[]> out = new ArrayList<>();
        try (Dataset.Pass p = d.pass(epoch)) {
            while (p.hasNext()) {
                out.add(p.next().x().toFloatArray());
            }
        }
        return out;
    }

    private static float[] flat(List<float[]> batches) {
        return batches.stream().reduce(new float[0], (a, b) -> {
            float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });
    }

    @Test
    void batchesKeepTheOrderAndTheLastHoldsTheRest() {
        List<float[]> b = values(numbers(10).batch(4), 0);
        assertEquals(3, b.size());
        assertArrayEquals(new float[] {8, 9}, b.get(2));
        assertEquals(3, numbers(10).batch(4).batchesPerEpoch());
        try (Dataset.Pass p = numbers(5).batch(5).pass(0)) {
            Batch batch = p.next();
            assertArrayEquals(new int[] {5, 1}, batch.x().shape());
            assertArrayEquals(new float[] {0, 1, 2, 0, 1}, batch.y().toFloatArray());
        }
    }

    @Test
    void shuffleIsSeededAndNewEveryEpoch() {
        Dataset d = numbers(50).shuffle(7).batch(8);
        float[] e0 = flat(values(d, 0)), e1 = flat(values(d, 1));
        assertArrayEquals(e0, flat(values(numbers(50).shuffle(7).batch(8), 0)), "the same seed gives the same order");
        assertNotEquals(java.util.Arrays.toString(e0), java.util.Arrays.toString(e1), "a new order each epoch");
        float[] sorted = e1.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(flat(values(numbers(50).batch(50), 0)), sorted, "every sample once");
    }

    @Test
    void takeAndSkipCountSamplesBeforeBatchAndBatchesAfter() {
        assertArrayEquals(new float[] {3, 4, 5, 6}, flat(values(numbers(10).skip(3).take(4).batch(3), 0)));
        assertArrayEquals(new float[] {4, 5, 6, 7}, flat(values(numbers(10).batch(2).skip(2).take(2), 0)));
        assertEquals(2, numbers(10).batch(2).skip(2).take(2).batchesPerEpoch());
        assertEquals(1, numbers(10).batch(2).take(3).skip(2).batchesPerEpoch());
        assertThrows(IllegalStateException.class, () -> numbers(4).batch(2).shuffle(1), "shuffle acts on samples");
        assertThrows(IllegalStateException.class, () -> numbers(4).map(b -> b), "map acts on batches");
    }

    @Test
    void mapsRunOnPrefetchThreadsInOrder() {
        Dataset doubled = numbers(40).shuffle(3).batch(6).map(b -> {
            float[] x = b.x().toFloatArray();
            for (int i = 0; i < x.length; i++) {
                x[i] *= 2;
            }
            return new Batch(Tensor.of(x, b.x().shape()), b.y());
        });
        List<float[]> plain = values(doubled, 2), ahead = values(doubled.prefetch(4, 3), 2);
        assertEquals(plain.size(), ahead.size());
        for (int i = 0; i < plain.size(); i++) {
            assertArrayEquals(plain.get(i), ahead.get(i), "batch " + i);
        }
        assertEquals(78f, plain.stream().mapToDouble(a -> a.length == 0 ? 0 : max(a)).max().orElse(0), 0, "2 * 39");
    }

    private static float max(float[] a) {
        float m = a[0];
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Test
    void aFailingMapFailsThePassWithItsErrorNotAHang() {
        Dataset broken = numbers(100).batch(10).map(b -> {
            if (b.x().get(0) == 50) {
                throw new IllegalStateException("cannot decode sample 50");
            }
            return b;
        }).prefetch(3, 2);
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IllegalStateException.class,
                () -> values(broken, 0)));
        assertEquals("cannot decode sample 50", e.getMessage());
    }

    @Test
    void cacheReadsEverySampleOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Samples counting = new Samples() {
            public int size() {
                return 20;
            }

            public int[] shape() {
                return new int[] {2};
            }

            public int[] labelShape() {
                return new int[0];
            }

            public void read(int index, float[] dst, int offset) {
                reads.incrementAndGet();
                dst[offset] = index;
                dst[offset + 1] = -index;
            }

            public void readLabel(int index, float[] dst, int offset) {
                dst[offset] = index % 2;
            }
        };
        Dataset d = Dataset.fromSamples(counting).cache().shuffle(1).batch(7).prefetch(2);
        values(d, 0);
        values(d, 1);
        assertEquals(20, reads.get(), "two epochs, each sample read once");
        reads.set(0);
        Dataset onDisk = Dataset.fromSamples(counting).cache(dir.resolve("cache.bin")).shuffle(1).batch(7).prefetch(2, 2);
        float[] first = flat(values(onDisk, 0)), second = flat(values(onDisk, 0));
        assertEquals(20, reads.get(), "the file holds what was read");
        assertArrayEquals(first, second, 0f);
        assertEquals(20L * 3 * 4, java.nio.file.Files.size(dir.resolve("cache.bin")), "values and label, float32");
    }

    @Test
    void aPassOverMoreDataThanTheHeapRunsInBoundedMemory() {
        int n = 400_000, size = 3 * 32 * 32; // 4.9 GB of float32, more than the tests' 4 GB heap
        Samples generated = new Samples() {
            public int size() {
                return n;
            }

            public int[] shape() {
                return new int[] {3, 32, 32};
            }

            public int[] labelShape() {
                return new int[0];
            }

            public void read(int index, float[] dst, int offset) {
                java.util.Arrays.fill(dst, offset, offset + size, index & 255);
            }

            public void readLabel(int index, float[] dst, int offset) {
                dst[offset] = index % 10;
            }
        };
        long total = 0;
        try (Dataset.Pass p = Dataset.fromSamples(generated).shuffle(2).batch(256).prefetch(4, 2).pass(0)) {
            while (p.hasNext()) {
                total += p.next().size();
            }
        }
        assertEquals(n, total);
    }

    private static Sequential cnn() {
        Layer.resetNames();
        Sequential m = new Sequential().input(8, 8, 1)
                .add(new Conv2D(4, 3).padding("same").activation("relu")).add(new MaxPooling2D(2))
                .add(new Flatten()).add(new Dense(2, "softmax"));
        m.build(new CpuBackend(2), 11);
        m.compile(new Adam(0.01), new CategoricalCrossentropy(), "accuracy", "auc");
        return m;
    }

    @Test
    void fitOnADatasetMatchesFitOnTheSameTensors() {
        Random rng = new Random(5);
        int n = 96;
        float[] x = new float[n * 64], y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            for (int p = 0; p < 64; p++) {
                x[i * 64 + p] = (float) rng.nextGaussian() * 0.3f + (label == 0 ? (p / 8 == 3 ? 1 : 0) : (p % 8 == 3 ? 1 : 0));
            }
            y[i * 2 + label] = 1;
        }
        Tensor xs = Tensor.of(x, n, 1, 8, 8), ys = Tensor.of(y, n, 2);
        Sequential inMemory = cnn();
        History a = inMemory.fit(xs, ys, new FitOptions().epochs(3).batchSize(16).shuffle(false).verbose(0).validationData(xs, ys));
        Sequential streamed = cnn();
        Dataset data = Dataset.fromTensors(xs, ys).batch(16).prefetch(2);
        History b = streamed.fit(data, new FitOptions().epochs(3).verbose(0).validationData(Dataset.fromTensors(xs, ys).batch(16)));
        assertEquals(withoutTimes(a.series()), withoutTimes(b.series()), "the same batches give the same history, validation included");
        for (int i = 0; i < inMemory.weights().size(); i++) {
            assertArrayEquals(inMemory.weights().get(i).value().toFloatArray(), streamed.weights().get(i).value().toFloatArray(), 0f);
        }
        assertEquals(inMemory.evaluate(xs, ys, 32), streamed.evaluate(Dataset.fromTensors(xs, ys).batch(32)));
        assertArrayEquals(inMemory.predict(xs, 32).floats(), streamed.predict(Dataset.fromTensors(xs, ys).batch(32)).floats(), 0f);
        History shuffled = cnn().fit(Dataset.fromTensors(xs, ys).shuffle(3).batch(16), new FitOptions().epochs(2).verbose(0));
        assertTrue(shuffled.series().get("loss").get(1) < shuffled.series().get("loss").get(0) + 0.5);
    }

    @Test
    void aFrozenStemIsCachedOncePerSampleAndTrainsTheHeadAsWithout() {
        Random rng = new Random(8);
        int n = 40;
        float[] x = new float[n * 64], y = new float[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i * 2 + i % 2] = 1;
        }
        AtomicInteger reads = new AtomicInteger();
        Tensor xs = Tensor.of(x, n, 1, 8, 8), ys = Tensor.of(y, n, 2);
        List<float[]> finals = new ArrayList<>();
        for (boolean cache : new boolean[] {true, false}) {
            Sequential m = cnn();
            m.layers().get(0).setTrainable(false); // the convolution: a frozen stem
            m.compile(new Adam(0.01), new CategoricalCrossentropy(), "accuracy");
            reads.set(0);
            Dataset counted = Dataset.fromTensors(xs, ys).shuffle(5).batch(8).map(b -> {
                reads.incrementAndGet();
                float[] swapped = b.y().toFloatArray(); // a map that changes the labels: the cached fit must see it too
                for (int r = 0; r < swapped.length; r += 2) {
                    float t = swapped[r];
                    swapped[r] = swapped[r + 1];
                    swapped[r + 1] = t;
                }
                return new Batch(b.x(), Tensor.of(swapped, b.y().shape()));
            });
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            m.fit(counted, new FitOptions().epochs(3).verbose(2).cacheFrozenFeatures(cache)
                    .out(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(cache ? 5 : 15, reads.get(), cache ? "one pass for the features, then labels only" : "every epoch");
            assertEquals(cache, log.toString(java.nio.charset.StandardCharsets.UTF_8).contains("Frozen up to"));
            finals.add(m.weights().get(m.weights().size() - 2).value().toFloatArray());
        }
        assertArrayEquals(finals.get(1), finals.get(0), 1e-6f, "the head trains the same with the stem cached");
        Sequential m = cnn();
        m.layers().get(0).setTrainable(false);
        m.compile(new Adam(0.01), new CategoricalCrossentropy());
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        m.fit(Dataset.fromTensors(xs, ys).batch(8).augment(b -> b), new FitOptions().epochs(1).verbose(2)
                .out(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(log.toString(java.nio.charset.StandardCharsets.UTF_8).contains("augments its batches at random"), log.toString());
    }

    private static Map<String, List<Double>> withoutTimes(Map<String, List<Double>> series) {
        Map<String, List<Double>> out = new java.util.TreeMap<>(series);
        out.keySet().removeIf(k -> k.contains("seconds"));
        return out;
    }
}
