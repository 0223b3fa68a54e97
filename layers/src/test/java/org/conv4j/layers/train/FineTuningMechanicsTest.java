package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Activation;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.io.ModelIO;
import org.conv4j.layers.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras's fine-tuning mechanics: a base called with training=false, and trainable that recurses as Keras 3's does. */
class FineTuningMechanicsTest {
    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    private static Model base() {
        SymbolicTensor in = InputLayer.input(8, 8, 1);
        SymbolicTensor x = new Conv2D(4, 3).padding("same").named("conv").apply(in);
        x = new BatchNormalization().named("bn").apply(x);
        x = new Activation("relu").apply(x);
        return new Model(in, new GlobalAveragePooling2D().apply(x), "base");
    }

    /** base (called with {@code inferenceBase}: training=false) + Dense(2), built and compiled. */
    private static Model classifier(Model base, boolean inferenceBase) {
        SymbolicTensor in = InputLayer.input(8, 8, 1);
        SymbolicTensor features = inferenceBase ? base.apply(in, false) : base.apply(in);
        Model m = new Model(in, new Dense(2, "softmax").apply(features), "classifier");
        m.build(new CpuBackend(2), 3);
        m.compile(new Adam(0.01), new CategoricalCrossentropy(), "accuracy");
        return m;
    }

    private static float[] weight(Model base, String name) {
        for (var p : base.getLayer("bn").weights()) {
            if (p.name().equals(name)) {
                return p.value().toFloatArray();
            }
        }
        throw new AssertionError(name);
    }

    private static void fitOneEpoch(Model m) {
        Tensor[] data = FitTest.bars(64, 5);
        m.fit(data[0], data[1], new FitOptions().epochs(1).batchSize(16).verbose(0).seed(1L));
    }

    @Test
    void aBaseCalledWithTrainingFalseKeepsItsStatisticsWhileItsWeightsTrain(@TempDir Path dir) throws Exception {
        Model base = base();
        Model m = classifier(base, true);
        float[] mean = weight(base, "moving_mean"), variance = weight(base, "moving_variance"), gamma = weight(base, "gamma");
        fitOneEpoch(m);
        assertArrayEquals(mean, weight(base, "moving_mean"), 0f, "inference mode: the moving mean is bit-identical");
        assertArrayEquals(variance, weight(base, "moving_variance"), 0f);
        assertFalse(java.util.Arrays.equals(gamma, weight(base, "gamma")), "gamma still trains");

        Path file = dir.resolve("m.conv4j");
        ModelIO.save(m, file);
        Model loaded = ModelIO.load(file, new CpuBackend(2));
        loaded.compile(new Adam(0.01), new CategoricalCrossentropy(), "accuracy");
        Model loadedBase = (Model) loaded.getLayer("base");
        float[] before = weight(loadedBase, "moving_mean");
        fitOneEpoch(loaded);
        assertArrayEquals(before, weight(loadedBase, "moving_mean"), 0f, "training=false survives saving and loading");
    }

    @Test
    void aBaseCalledAsUsualMovesItsStatistics() {
        Model base = base();
        Model m = classifier(base, false);
        float[] mean = weight(base, "moving_mean");
        fitOneEpoch(m);
        assertFalse(java.util.Arrays.equals(mean, weight(base, "moving_mean")), "training mode: the moving mean moves");
    }

    @Test
    void trainableRecursesIntoNestedModelsAsInKeras3() {
        Model base = base();
        Model m = classifier(base, false);
        base.getLayer("conv").setTrainable(false);
        base.setTrainable(false);
        assertFalse(base.getLayer("bn").isTrainable(), "freezing a base freezes each of its layers");
        base.getLayer("bn").setTrainable(true);
        m.compile(new Adam(0.01), new CategoricalCrossentropy());
        assertFalse(base.getLayer("bn").trainsNow(), "a layer of a frozen base does not train, whatever its own flag");
        base.setTrainable(true);
        assertTrue(base.getLayer("conv").isTrainable(), "unfreezing the base unfreezes every layer in it, as Keras 3");
        m.compile(new Adam(0.01), new CategoricalCrossentropy());
        assertTrue(base.getLayer("conv").trainsNow() && base.getLayer("bn").trainsNow());
        assertTrue(m.countTrainableParams() == m.countParams() - 8, "all but the moving statistics train");
    }
}
