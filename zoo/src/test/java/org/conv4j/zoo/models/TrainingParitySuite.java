package org.conv4j.zoo.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.Supplier;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Dense;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.optimizers.SGD;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.layers.train.SparseCategoricalCrossentropy;
import org.conv4j.layers.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The same model, seed and batches trained for a few steps on the CPU and on another backend give
 * the same losses (float32 both; the order of sums may differ, so within a tolerance) and nearly
 * the same predictions afterwards: the course's simple CNN, the BatchNormalization + Dropout CNN,
 * and a MobileNetV2 (its stride-2 blocks pad asymmetrically). {@link GpuTrainingParityTest} runs
 * it on the GPU, {@link FakeDeviceTrainingTest} on device tensors computed by the CPU.
 */
abstract class TrainingParitySuite {
    /** The backend held to the CPU (called once per test). */
    protected abstract Backend backend();

    @Test
    void simpleCnnTrainsAsOnTheCpu() {
        assertSameTraining(() -> SimpleCnn.simple(32, 32, 3, 10), 16, 32, "adam");
    }

    @Test
    void batchNormDropoutCnnTrainsAsOnTheCpu() {
        assertSameTraining(() -> SimpleCnn.batchNormDropout(32, 32, 3, 10), 16, 32, "sgd");
    }

    @Test
    void mobileNetV2TrainsAsOnTheCpu() {
        assertSameTraining(() -> {
            SymbolicTensor in = InputLayer.input(32, 32, 3);
            SymbolicTensor out = new Dense(10, "softmax").apply(MobileNetV2.build(0.35, 32, 32, false, "avg", 1000).apply(in));
            return new Model(in, out, "mobilenetv2_head");
        }, 8, 32, "adam");
    }

    @Test
    void aFrozenBaseIsCachedOnceAndItsHeadTrainsAsOnTheCpu() {
        Tensor[] d = TransferLearningTest.data(2);
        Backend[] backends = {new CpuBackend(), backend()};
        float[][] heads = new float[2][];
        for (int run = 0; run < 2; run++) {
            Layer.resetNames();
            Model base = MobileNetV2.build(0.35, 32, 32, false, null, 1000);
            SymbolicTensor in = InputLayer.input(32, 32, 3);
            SymbolicTensor out = new Dense(3, "softmax").named("head").apply(new GlobalAveragePooling2D().apply(base.apply(in)));
            Model model = new Model(in, out, "transfer");
            model.build(backends[run], 3);
            base.setTrainable(false);
            model.compile(new Adam(1e-2), new CategoricalCrossentropy(), "accuracy");
            model.fit(d[0], d[1], new FitOptions().epochs(2).batchSize(16).seed(5).verbose(0));
            heads[run] = model.getLayer("head").weights().get(0).value().toFloatArray();
        }
        assertArrayEquals(heads[0], heads[1], 1e-4f, "the head trained on cached features of the frozen base");
    }

    /** Four steps on the same batches from the same seed: the losses agree step by step, then the predictions. */
    private void assertSameTraining(Supplier<Model> factory, int batch, int size, String optimizer) {
        Random rng = new Random(3);
        int steps = 4;
        float[][] images = new float[steps][batch * 3 * size * size];
        float[][] labels = new float[steps][batch];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < images[s].length; i++) {
                images[s][i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < batch; i++) {
                labels[s][i] = rng.nextInt(10);
            }
        }
        double[] cpuLosses = new double[steps], losses = new double[steps];
        float[] cpuOut = train(new CpuBackend(), factory, optimizer, images, labels, batch, size, cpuLosses);
        float[] out = train(backend(), factory, optimizer, images, labels, batch, size, losses);
        for (int s = 0; s < steps; s++) {
            assertEquals(cpuLosses[s], losses[s], 2e-3 * Math.max(1, Math.abs(cpuLosses[s])), "loss of step " + (s + 1));
        }
        assertArrayEquals(cpuOut, out, 2e-3f, "predictions after training");
    }

    private float[] train(Backend backend, Supplier<Model> factory, String optimizer, float[][] images, float[][] labels,
                                 int batch, int size, double[] losses) {
        Layer.resetNames();
        Model model = factory.get();
        model.build(backend, 7).compile(optimizer.equals("adam") ? new Adam(1e-3) : new SGD(0.05, 0.9, false),
                new SparseCategoricalCrossentropy());
        Trainer trainer = model.trainer();
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = i;
        }
        for (int s = 0; s < losses.length; s++) {
            try (Tensor x = backend.fromFloats(images[s], batch, 3, size, size);
                 Tensor y = model.loss().targets(backend, Tensor.of(labels[s], batch), rows, 10)) {
                losses[s] = trainer.trainStep(x, y, model.weightsTrainedNow()).loss();
            }
        }
        return model.predict(Tensor.of(images[0], batch, 3, size, size), batch).toFloatArray();
    }
}
