package org.conv4j.apps.practical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Parameter;
import org.conv4j.layers.optimizers.Optimizer;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.keras.KerasWeightFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The BatchNorm gotcha on the real MobileNetV2 alpha 0.35: fine-tuning the whole base called with
 * training=False leaves every moving mean and variance bit-identical, while the same phase with
 * the base in training mode moves them; the differential learning rate slows the earlier half.
 */
class FineTuningTest {
    private static KerasWeightFiles files() {
        String env = System.getenv("CONV4J_DATA");
        Assumptions.assumeTrue(env != null && Files.isRegularFile(Path.of(env, "keras",
                "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5")), "MobileNetV2 alpha 0.35 absent: set CONV4J_DATA");
        return new KerasWeightFiles(new DataLocator(Path.of(env)));
    }

    private static FineTuning recipe(boolean differentialLr) {
        return new FineTuning(Architecture.MOBILENETV2, 0.35, 32, 2, true, 0.2, false, OptimizerSpec.adam(1e-3), 1, 0,
                OptimizerSpec.adam(1e-3), 1, differentialLr, 3);
    }

    private static List<float[]> movingStatistics(BuiltModel m) {
        List<float[]> all = new ArrayList<>();
        for (Layer l : m.base().layers()) {
            if (l instanceof BatchNormalization) {
                for (Parameter p : l.weights()) {
                    if (!p.trainable()) {
                        all.add(p.value().toFloatArray());
                    }
                }
            }
        }
        return all;
    }

    /** Runs the candidate's only or second phase for one epoch on 16 random images. */
    private static void fineTune(Candidate c, BuiltModel m, Backend backend) {
        Phase phase = c.phases().get(c.phases().size() - 1);
        phase.prepare().accept(m);
        Optimizer o = phase.optimizer().create();
        phase.learningRates().accept(m, o);
        m.model().compile(o, new CategoricalCrossentropy(), "accuracy");
        Random r = new Random(5);
        float[] x = new float[16 * 3 * 32 * 32], y = new float[16 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < 16; i++) {
            y[i * 2 + i % 2] = 1;
        }
        m.model().fit(Tensor.of(x, 16, 3, 32, 32), Tensor.of(y, 16, 2), new FitOptions().epochs(1).batchSize(8).verbose(0));
    }

    @Test
    void inferenceModeKeepsTheMovingStatisticsAndTrainingModeMovesThem() throws Exception {
        KerasWeightFiles files = files();
        Backend backend = new CpuBackend(2);
        FineTuning f = recipe(false);
        Candidate transfer = f.transfer(files, "phase1");
        transfer.weights().ensureAvailable();
        BuiltModel m = transfer.factory().build(backend, 1);
        List<float[]> before = movingStatistics(m);
        float[] firstKernel = m.base().getLayer("Conv1").weights().get(0).value().toFloatArray();
        fineTune(transfer, m, backend);
        List<float[]> after = movingStatistics(m);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), 0f, "moving statistic " + i + " stays bit for bit");
        }
        assertFalse(java.util.Arrays.equals(firstKernel, m.base().getLayer("Conv1").weights().get(0).value().toFloatArray()),
                "while the base's weights train");

        Candidate gotcha = f.bnTraining(files, "phase1");
        assertEquals("mobilenetv2_phase1", gotcha.startFrom());
        BuiltModel g = gotcha.factory().build(backend, 1);
        g.model().setWeights(m.model().getWeights());
        List<float[]> start = movingStatistics(g);
        fineTune(gotcha, g, backend);
        List<float[]> moved = movingStatistics(g);
        int changed = 0;
        for (int i = 0; i < start.size(); i++) {
            changed += java.util.Arrays.equals(start.get(i), moved.get(i)) ? 0 : 1;
        }
        assertEquals(start.size(), changed, "in training mode every moving mean and variance moves");
    }

    @Test
    void theDifferentialLearningRateSlowsTheEarlierHalfOfTheUnfrozenLayers() throws Exception {
        KerasWeightFiles files = files();
        FineTuning f = recipe(true);
        Candidate transfer = f.transfer(files, "phase1");
        transfer.weights().ensureAvailable();
        BuiltModel m = transfer.factory().build(new CpuBackend(2), 1);
        Phase phase2 = transfer.phases().get(1);
        phase2.prepare().accept(m);
        Optimizer o = phase2.optimizer().create();
        phase2.learningRates().accept(m, o);
        List<Layer> unfrozen = m.base().layers().stream().filter(Layer::isTrainable).toList();
        Parameter early = unfrozen.get(1).weights().get(0), late = unfrozen.get(unfrozen.size() - 2).weights().get(0);
        assertEquals(1e-4, o.learningRate(early), 1e-12, unfrozen.get(1).name());
        assertEquals(1e-3, o.learningRate(late), 1e-12, unfrozen.get(unfrozen.size() - 2).name());
        Parameter head = m.model().layers().get(m.model().layers().size() - 1).weights().get(0);
        assertEquals(1e-3, o.learningRate(head), 1e-12, "the head at the full rate");
    }
}
