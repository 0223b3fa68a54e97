package org.conv4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.io.ModelIO;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras's {@code Model(base.input, head(base.output))}: a model that extends another holds its layers. */
class ExtendedModelTest {
    private Model base;
    private Model model;

    @BeforeEach
    void build() {
        Layer.resetNames();
        SymbolicTensor in = InputLayer.input(8, 8, 3);
        SymbolicTensor x = new Conv2D(4, 3).named("conv_a").apply(in);
        x = new BatchNormalization().named("bn_a").apply(x);
        x = new Conv2D(6, 3).named("conv_b").apply(x);
        base = new Model(in, x, "base").build(new CpuBackend(2), 1);
        SymbolicTensor pooled = new GlobalAveragePooling2D().named("pool").apply(base.output());
        model = new Model(base.input(), new Dense(3, "softmax").named("head").apply(pooled), "extended");
        model.build(new CpuBackend(2), 2);
    }

    @Test
    void itsLayersAreTheBasesThenTheHeads() {
        assertEquals(List.of("input_layer", "conv_a", "bn_a", "conv_b", "pool", "head"),
                model.layers().stream().map(Layer::name).toList());
        assertSame(base.getLayer("conv_a"), model.getLayer("conv_a"));
        assertSame(base, base.getLayer("conv_b").parent(), "a layer keeps its first model");
        assertEquals(base.countParams() + 6 * 3 + 3, model.countParams());
    }

    @Test
    void freezingTheBaseFreezesItsLayersInTheExtendedModelAndTheCacheStopsInside() {
        base.setTrainable(false);
        model.compile(new Adam(1e-3), new CategoricalCrossentropy());
        assertEquals(List.of("head/kernel", "head/bias"), model.weightsTrainedNow().stream().map(Parameter::path).toList());
        assertEquals("pool", model.graphLayer(model.frozenStemEnd()).name());
        base.setTrainable(true);
        base.getLayer("conv_a").setTrainable(false);
        base.getLayer("bn_a").setTrainable(false);
        model.compile(new Adam(1e-3), new CategoricalCrossentropy());
        assertEquals("bn_a", model.graphLayer(model.frozenStemEnd()).name(), "the frozen start of the base is computed once");
    }

    @Test
    void itComputesWhatTheBaseAndTheHeadComputeAndSavesAsOneModel(@TempDir Path dir) throws Exception {
        Random rng = new Random(3);
        float[] x = new float[4 * 3 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        Tensor input = Tensor.of(x, 4, 3, 8, 8);
        float[] features = base.predict(input, 4).toFloatArray(); // (4, 6, 4, 4)
        float[] out = model.predict(input, 4).toFloatArray();
        float[] w = model.getLayer("head").weights().get(0).value().toFloatArray(); // (3 units, 6 inputs)
        float[] bias = model.getLayer("head").weights().get(1).value().toFloatArray();
        for (int n = 0; n < 4; n++) {
            double[] logits = new double[3];
            double sum = 0;
            for (int u = 0; u < 3; u++) {
                logits[u] = bias[u];
                for (int c = 0; c < 6; c++) {
                    double mean = 0;
                    for (int p = 0; p < 16; p++) {
                        mean += features[(n * 6 + c) * 16 + p] / 16.0;
                    }
                    logits[u] += w[u * 6 + c] * mean;
                }
                sum += Math.exp(logits[u]);
            }
            for (int u = 0; u < 3; u++) {
                assertEquals(Math.exp(logits[u]) / sum, out[n * 3 + u], 1e-5, "softmax(head(pool(base(x))))");
            }
        }
        Path file = dir.resolve("extended.conv4j");
        ModelIO.save(model, file);
        Model loaded = ModelIO.load(file, new CpuBackend(2));
        assertArrayEquals(out, loaded.predict(input, 4).toFloatArray(), 0f);
    }

    @Test
    void aModelWithSeveralInputsHasNoSingleInput() {
        SymbolicTensor a = InputLayer.input(4), b = InputLayer.input(4);
        Model two = new Model(List.of(a, b), new Add().apply(a, b), "two");
        assertThrows(IllegalStateException.class, two::input);
    }
}
