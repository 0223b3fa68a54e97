package org.conv4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.io.ModelIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTest {
    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    static Sequential simpleCnn() {
        return new Sequential().input(32, 32, 3)
                .add(new Conv2D(32, 3).padding("same").activation("relu"))
                .add(new MaxPooling2D(2))
                .add(new Conv2D(64, 3).padding("same").activation("relu"))
                .add(new MaxPooling2D(2))
                .add(new Flatten())
                .add(new Dense(512, "relu"))
                .add(new Dense(10, "softmax"));
    }

    @Test
    void simpleCnnHasKerasParameterCountAndSummary() {
        Sequential m = simpleCnn();
        assertEquals(2_122_186, m.countParams());
        assertEquals(2_122_186, m.countTrainableParams());
        String s = m.summary();
        assertTrue(s.contains("Total params: 2,122,186"), s);
        assertTrue(s.contains("conv2d (Conv2D)"), s);
        assertTrue(s.contains("(None, 32, 32, 32)"), s);
        assertTrue(s.contains("conv2d_1 (Conv2D)"), s);
        assertTrue(s.contains("(None, 4096)"), s);
        assertTrue(s.contains("Non-trainable params: 0"), s);
        assertEquals(7, m.layers().size(), "Sequential.layers leaves out the InputLayer");
    }

    @Test
    void batchNormAndDropoutCountsSplitStatisticsFromTrainable() {
        Sequential m = new Sequential().input(32, 32, 3)
                .add(new Conv2D(32, 3).padding("same")).add(new BatchNormalization()).add(new ReLU())
                .add(new MaxPooling2D(2)).add(new Dropout(0.25))
                .add(new Flatten()).add(new Dense(10, "softmax"));
        // conv 896 + BN 4*32 + dense 16*16*32*10 + 10 = 896 + 128 + 81,930
        assertEquals(82_954, m.countParams());
        assertEquals(82_954 - 64, m.countTrainableParams());
        assertTrue(m.summary().contains("Non-trainable params: 64"));
    }

    @Test
    void functionalModelOrdersLayersLikeKerasAndFreezesNestedBases() {
        SymbolicTensor in = InputLayer.input(8, 8, 4);
        SymbolicTensor a = new Conv2D(4, 3).padding("same").named("a").apply(in);
        SymbolicTensor b = new BatchNormalization().named("b").apply(a);
        SymbolicTensor sum = new Add().named("sum").apply(in, b);
        Model base = new Model(in, sum, "base");
        assertEquals(List.of("input_layer", "a", "b", "sum"), base.layers().stream().map(Layer::name).toList());

        SymbolicTensor in2 = InputLayer.input(8, 8, 4);
        SymbolicTensor out = new Dense(3, "softmax").named("head").apply(new GlobalAveragePooling2D().apply(base.apply(in2)));
        Model full = new Model(in2, out, "full");
        long total = full.countParams();
        assertEquals(4 * 4 * 9 + 4 + 4 * 4 + 4 * 3 + 3, total);
        base.setTrainable(false);
        assertEquals(15, full.countTrainableParams(), "a frozen base leaves only the head trainable");
        assertTrue(full.summary().contains("base (Functional)"));
    }

    @Test
    void savedModelPredictsBitIdentically(@TempDir Path dir) throws IOException {
        CpuBackend cpu = new CpuBackend(2);
        Sequential m = new Sequential().input(6, 6, 2)
                .add(new Conv2D(3, 3).padding("same").dilation(2, 1).activation("relu")).add(new BatchNormalization())
                .add(new DepthwiseConv2D(3, 3, 2).strides(2).padding("same")).add(new ZeroPadding2D(1, 0, 0, 1))
                .add(new AveragePooling2D(2)).add(new Flatten()).add(new Dropout(0.3)).add(new Dense(4, "softmax"));
        m.build(cpu, 5);
        Random rng = new Random(1);
        float[] x = new float[3 * 2 * 6 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        Tensor input = Tensor.of(x, 3, 2, 6, 6);
        Tensor before = m.predict(input, 2);
        Path file = dir.resolve("m.conv4j");
        ModelIO.save(m, file);
        Model loaded = ModelIO.load(file, cpu);
        assertEquals(m.summary(), loaded.summary());
        assertArrayEquals(before.floats(), loaded.predict(input, 2).floats(), 0f);
        m.setTrainable(false);
        Path frozen = dir.resolve("frozen.conv4j");
        ModelIO.save(m, frozen);
        assertEquals(0, ModelIO.load(frozen, cpu).countTrainableParams(), "a model saved frozen loads frozen");
        Files.delete(frozen);
        assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().equals("m.conv4j")), "no temporary file is left");
    }

    @Test
    void badModelFilesGiveClearErrors(@TempDir Path dir) throws IOException {
        CpuBackend cpu = new CpuBackend(1);
        Path missing = dir.resolve("nope.conv4j");
        IOException e = assertThrows(IOException.class, () -> ModelIO.load(missing, cpu));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path junk = dir.resolve("junk.conv4j");
        Files.writeString(junk, "not a zip");
        e = assertThrows(IOException.class, () -> ModelIO.load(junk, cpu));
        assertTrue(e.getMessage().contains("junk.conv4j"), e.getMessage());

        Sequential small = new Sequential().input(4).add(new Dense(2));
        small.build(cpu, 1);
        Path weights = dir.resolve("w.bin");
        ModelIO.saveWeights(small, weights);
        Sequential other = new Sequential().input(5).add(new Dense(2));
        other.build(cpu, 1);
        e = assertThrows(IOException.class, () -> ModelIO.loadWeights(other, weights));
        assertTrue(e.getMessage().contains("expects [2, 5]"), e.getMessage());
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        e = assertThrows(IOException.class, () -> ModelIO.loadWeights(small, weights));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void shapeErrorsNameTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential().input(8, 8, 3).add(new Dense(4).named("fc")));
        assertTrue(e.getMessage().contains("fc") && e.getMessage().contains("Flatten"), e.getMessage());
    }
}
