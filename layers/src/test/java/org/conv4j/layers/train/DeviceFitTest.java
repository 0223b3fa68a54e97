package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.conv4j.engine.Backend;
import org.conv4j.engine.FakeDeviceBackend;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Model;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.io.ModelIO;
import org.conv4j.layers.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole training loop with the model's tensors on a pretend device (host-unreachable storage,
 * computed by the CPU; see FakeDeviceBackend): fit with a validation split, callbacks that save
 * and restore weights, evaluate, predict, and a model file loaded back onto the device. The
 * numbers equal the CPU's, so the loop reaches device tensors only by copies, and closes nothing
 * it still uses.
 */
class DeviceFitTest {
    private static Sequential model(Backend backend) {
        Sequential m = new Sequential().input(8, 8, 1)
                .add(new Conv2D(4, 3).padding("same"))
                .add(new BatchNormalization())
                .add(new MaxPooling2D(2))
                .add(new Flatten())
                .add(new Dropout(0.2))
                .add(new Dense(2, "softmax"));
        m.build(backend, 5);
        m.compile(new Adam(0.01), new CategoricalCrossentropy(), "accuracy");
        return m;
    }

    private static History fit(Model m, Tensor[] train, Path dir) {
        return m.fit(train[0], train[1], new FitOptions().verbose(0).epochs(4).batchSize(24).validationSplit(0.25).seed(3)
                .callbacks(EarlyStopping.builder().monitor("val_loss").patience(1).restoreBestWeights(true).build(),
                        ModelCheckpoint.builder(dir.resolve("best.conv4j").toString()).monitor("val_loss").saveBestOnly(true).build()));
    }

    @Test
    void trainingOnDeviceTensorsGivesTheCpusNumbers(@TempDir Path dir) throws Exception {
        Tensor[] train = FitTest.bars(100, 1), test = FitTest.bars(30, 2);
        Sequential cpu = model(new CpuBackend(2));
        Backend device = FakeDeviceBackend.create();
        Sequential onDevice = model(device);
        History hc = fit(cpu, train, dir.resolve("cpu"));
        History hd = fit(onDevice, train, dir.resolve("device"));
        assertEquals(hc.get("loss"), hd.get("loss"));
        assertEquals(hc.get("val_accuracy"), hd.get("val_accuracy"));
        Map<String, Double> ec = cpu.evaluate(test[0], test[1], 7), ed = onDevice.evaluate(test[0], test[1], 7);
        assertEquals(ec, ed);
        float[] pc = cpu.predict(test[0], 8).floats(), pd = onDevice.predict(test[0], 8).floats();
        assertArrayEquals(pc, pd, 0f);
        List<float[]> wc = cpu.getWeights(), wd = onDevice.getWeights();
        for (int i = 0; i < wc.size(); i++) {
            assertArrayEquals(wc.get(i), wd.get(i), 0f);
        }
        Path file = dir.resolve("model.conv4j");
        ModelIO.save(onDevice, file);
        Model loaded = ModelIO.load(file, device);
        assertArrayEquals(pd, loaded.predict(test[0], 8).floats(), 0f); // same batch size: GEMM tails round differently per batch
        Model checkpoint = ModelIO.load(dir.resolve("device").resolve("best.conv4j"), device);
        checkpoint.predict(test[0], 30);
    }
}
