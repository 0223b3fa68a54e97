package org.conv4j.apps.practical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.conv4j.apps.practical.Recipes.Transfer;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.keras.KerasWeightFiles;
import org.junit.jupiter.api.Test;

/**
 * The transfer models' phases train exactly the layers Keras would, by the parameter counts Keras
 * prints for them (weights do not change counts: the bases here are built without their files).
 */
class RecipesTest {
    private static final KerasWeightFiles FILES = new KerasWeightFiles(new DataLocator(null));

    /** The preset's model on an unweighted base, its phases' trainable counts after each phase's setup and compile. */
    private static long[] counts(Transfer t) {
        Model base = t.architecture().build(t.alpha(), t.size(), t.size(), false, null, 1000, true).build(new CpuBackend(2), 1);
        BuiltModel built = t.assemble(base, "transfer", new CpuBackend(2), 1);
        Candidate c = t.candidate("transfer", FILES);
        long[] out = new long[1 + c.phases().size()];
        out[0] = built.model().countParams();
        for (int i = 0; i < c.phases().size(); i++) {
            c.phases().get(i).prepare().accept(built);
            built.model().compile(c.phases().get(i).optimizer().create(), new CategoricalCrossentropy(), "accuracy");
            out[i + 1] = built.model().weightsTrainedNow().stream().mapToLong(p -> p.value().size()).sum();
            assertEquals(built.model().countTrainableParams(), out[i + 1], "summary and compiled state agree");
        }
        return out;
    }

    @Test
    void scratchVsTransferAtAlphaOneTrainsKerasCounts() {
        long[] n = counts(Presets.of("scratch-vs-transfer", 1.0));
        assertEquals(2_270_794, n[0], "total");
        assertEquals(12_810, n[1], "phase 1: the head only");
        assertEquals(745_290, n[2], "phase 2: the last 10 layers of the base and the head");
    }

    @Test
    void ut3Vgg16Counts() {
        long[] n = counts(Presets.of("ut3-vgg16", 1.0));
        assertEquals(14_719_818, n[0]);
        assertEquals(5_130, n[1]);
    }

    @Test
    void fineTuningUnfreezesTheLastLayersOfBaseLayersAndTheirBatchNormTrains() {
        Transfer t = Presets.of("experiment-c", 0.35);
        Model base = t.architecture().build(0.35, 128, 128, false, null, 1000, true).build(new CpuBackend(2), 1);
        BuiltModel built = t.assemble(base, "transfer", new CpuBackend(2), 1);
        Recipes.unfreezeLast(base, 20);
        List<Layer> layers = base.layers();
        for (int i = 0; i < layers.size(); i++) {
            assertEquals(i >= layers.size() - 20, layers.get(i).isEffectivelyTrainable(), layers.get(i).name());
        }
        built.model().compile(t.fineTuneOptimizer().create(), new CategoricalCrossentropy());
        assertTrue(((BatchNormalization) base.getLayer("Conv_1_bn")).trainsNow(), "an unfrozen BatchNormalization trains, as in Keras");
        assertFalse(((BatchNormalization) base.getLayer("bn_Conv1")).trainsNow());
        assertTrue(built.model().frozenStemEnd() > 0, "the frozen part of the base is computed once");
    }

    @Test
    void badSettingsAreErrorsNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Transfer(Architecture.VGG16, 1.0, 32, "max", 0, 0,
                Presets.ADAM, 10, 0, Presets.FINE_TUNE, 10, 3)).getMessage().contains("--head"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Transfer(Architecture.VGG16, 1.0, 16, "gap", 0, 0,
                Presets.ADAM, 10, 0, Presets.FINE_TUNE, 10, 3)).getMessage().contains("32"));
        assertThrows(IllegalArgumentException.class, () -> Presets.of("experiment-z", 1.0));
        assertThrows(IllegalArgumentException.class, () -> Presets.of("scratch-vs-transfer", 0.3));
    }
}
