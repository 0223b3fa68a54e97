package org.conv4j.zoo.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Dense;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Parameter;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.layers.train.FitOptions;
import org.junit.jupiter.api.Test;

/** The mechanics of transfer learning: a frozen MobileNetV2 base under a new head. */
class TransferLearningTest {
    private static final int N = 48;

    static Tensor[] data(long seed) {
        Random rng = new Random(seed);
        float[] x = new float[N * 3 * 32 * 32];
        float[] y = new float[N * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < N; i++) {
            y[i * 3 + i % 3] = 1;
        }
        return new Tensor[] {Tensor.of(x, N, 3, 32, 32), Tensor.of(y, N, 3)};
    }

    static Model transfer(Model base) {
        SymbolicTensor in = InputLayer.input(32, 32, 3);
        SymbolicTensor out = new Dense(3, "softmax").named("head").apply(new GlobalAveragePooling2D().apply(base.apply(in)));
        Model m = new Model(in, out, "transfer");
        m.build(new CpuBackend(2), 3);
        return m;
    }

    @Test
    void frozenBatchNormStaysBitIdenticalThroughAnEpoch() {
        Model base = MobileNetV2.build(0.35, 32, 32, false, null, 1000);
        Model model = transfer(base);
        base.setTrainable(false);
        model.compile(new Adam(1e-2), new CategoricalCrossentropy(), "accuracy");
        List<float[]> before = base.getWeights();
        Tensor[] d = data(1);
        model.fit(d[0], d[1], new FitOptions().epochs(1).batchSize(16).verbose(0).cacheFrozenFeatures(false));
        List<float[]> after = base.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), 0f, base.weights().get(i).path());
        }
        BatchNormalization bn = (BatchNormalization) base.getLayer("bn_Conv1");
        assertFalse(bn.trainsNow(), "a frozen BatchNormalization runs in inference mode");
    }

    @Test
    void trainableChangesActAtTheNextCompile() {
        Model base = MobileNetV2.build(0.35, 32, 32, false, null, 1000);
        Model model = transfer(base);
        model.compile(new Adam(1e-3), new CategoricalCrossentropy());
        base.setTrainable(false);
        assertTrue(model.weightsTrainedNow().size() > 2, "still the compiled state");
        model.compile(new Adam(1e-3), new CategoricalCrossentropy());
        assertEquals(List.of("head/kernel", "head/bias"), model.weightsTrainedNow().stream().map(Parameter::path).toList());
    }

    @Test
    void cachingTheFrozenBaseGivesTheSameHeadAsRunningItEveryStep() {
        Tensor[] d = data(2), v = data(3);
        float[][] heads = new float[2][];
        for (int run = 0; run < 2; run++) {
            Layer.resetNames();
            Model base = MobileNetV2.build(0.35, 32, 32, false, null, 1000);
            Model model = transfer(base);
            base.setTrainable(false);
            model.compile(new Adam(1e-2), new CategoricalCrossentropy(), "accuracy");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.fit(d[0], d[1], new FitOptions().epochs(3).batchSize(16).seed(5).validationData(v[0], v[1])
                    .cacheFrozenFeatures(run == 1).verbose(2).out(new PrintStream(out, true, StandardCharsets.UTF_8)));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(run == 1, text.contains("computed once"), text);
            heads[run] = model.getLayer("head").weights().get(0).value().toFloatArray();
        }
        assertArrayEquals(heads[0], heads[1], 1e-6f);
    }

    @Test
    void aSavedTransferModelReloadsWithItsNestedBaseAndPredictsTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Model base = MobileNetV2.build(0.35, 32, 32, false, null, 1000);
        Model model = transfer(base);
        base.setTrainable(false);
        Tensor[] d = data(4);
        java.nio.file.Path file = dir.resolve("transfer.conv4j");
        org.conv4j.layers.io.ModelIO.save(model, file);
        Model loaded = org.conv4j.layers.io.ModelIO.load(file, new CpuBackend(2));
        assertEquals(model.summary(), loaded.summary());
        assertArrayEquals(model.predict(d[0], 16).floats(), loaded.predict(d[0], 16).floats(), 0f);
        assertFalse(loaded.getLayer(base.name()).isTrainable(), "the frozen flag is saved");
    }

    @Test
    void aFrozenBaseWithDropoutInsideIsNotCached() {
        SymbolicTensor in = InputLayer.input(32, 32, 3);
        SymbolicTensor x = new org.conv4j.layers.Conv2D(4, 3).apply(in);
        Model base = new Model(in, new org.conv4j.layers.Dropout(0.5).apply(x), "base_with_dropout");
        Model model = transfer(base);
        base.setTrainable(false);
        model.compile(new Adam(1e-3), new CategoricalCrossentropy());
        assertEquals(-1, model.frozenStemEnd(), "dropout draws a new mask every step: its outputs cannot be reused");
    }

    @Test
    void noCachingWhenTheBaseTrainsOrDropoutComesFirst() {
        Model base = MobileNetV2.build(0.35, 32, 32, false, null, 1000);
        Model model = transfer(base);
        model.compile(new Adam(1e-3), new CategoricalCrossentropy());
        assertEquals(-1, model.frozenStemEnd());
        base.setTrainable(false);
        model.compile(new Adam(1e-3), new CategoricalCrossentropy());
        assertTrue(model.graphLayer(model.frozenStemEnd()) instanceof GlobalAveragePooling2D,
                "the frozen stem runs through the base and the weightless pooling, up to the head");
    }
}
