package org.conv4j.zoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.Layer;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.data.Batch;
import org.conv4j.layers.data.Dataset;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.layers.train.History;
import org.conv4j.layers.train.SparseCategoricalCrossentropy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * CIFAR-10 resized to 64x64 on the fly: a fit that streams the compact images through resizing
 * and rescaling maps equals, for the same seed, the fit on the same images resized in memory.
 */
class StreamingFitTest {
    private static Sequential cnn() {
        Layer.resetNames();
        Sequential m = new Sequential().input(64, 64, 3)
                .add(new Conv2D(8, 3).strides(2).padding("same").activation("relu")).add(new MaxPooling2D(2))
                .add(new Conv2D(16, 3).padding("same").activation("relu")).add(new GlobalAveragePooling2D())
                .add(new Dense(10, "softmax"));
        m.build(new CpuBackend(2), 4);
        m.compile(new Adam(3e-3), new SparseCategoricalCrossentropy(), "accuracy");
        return m;
    }

    private static Map<String, List<Double>> withoutTimes(Map<String, List<Double>> series) {
        Map<String, List<Double>> out = new TreeMap<>(series);
        out.keySet().removeIf(k -> k.contains("seconds"));
        return out;
    }

    @Test
    void aStreamedResizedFitEqualsTheInMemoryOne() throws IOException {
        String data = System.getenv("CONV4J_DATA");
        Path file = data == null ? null : Path.of(data).resolve("cifar10").resolve("test_batch.bin.gz");
        Assumptions.assumeTrue(file != null && Files.isRegularFile(file), "CIFAR-10 absent: set CONV4J_DATA");
        LabeledImages cifar = Cifar10.readBatch(file).first(192);
        Dataset streamed = Dataset.fromSamples(cifar.samples()).batch(32).map(BatchMaps.resize(64, 64))
                .map(BatchMaps.rescale(1 / 255.0, 0)).prefetch(3, 2);

        float[] resized = new float[192 * 3 * 64 * 64];
        int at = 0;
        try (Dataset.Pass p = Dataset.fromSamples(cifar.samples()).batch(64).map(BatchMaps.resize(64, 64)).pass(0)) {
            while (p.hasNext()) {
                float[] x = p.next().x().floats();
                System.arraycopy(x, 0, resized, at, x.length);
                at += x.length;
            }
        }
        for (int i = 0; i < resized.length; i++) {
            resized[i] = (float) (resized[i] * (1 / 255.0) + 0);
        }
        float[] labels = new float[192];
        for (int i = 0; i < 192; i++) {
            labels[i] = cifar.label(i);
        }
        Tensor x = Tensor.of(resized, 192, 3, 64, 64), y = Tensor.of(labels, 192);

        Sequential inMemory = cnn(), streaming = cnn();
        History a = inMemory.fit(x, y, new FitOptions().epochs(2).batchSize(32).shuffle(false).verbose(0));
        History b = streaming.fit(streamed, new FitOptions().epochs(2).verbose(0));
        assertEquals(withoutTimes(a.series()), withoutTimes(b.series()));
        for (int i = 0; i < inMemory.weights().size(); i++) {
            assertArrayEquals(inMemory.weights().get(i).value().toFloatArray(), streaming.weights().get(i).value().toFloatArray(), 0f);
        }
        try (Dataset.Pass p = streamed.pass(0)) {
            Batch first = p.next();
            assertArrayEquals(new int[] {32, 3, 64, 64}, first.x().shape());
        }
    }
}
