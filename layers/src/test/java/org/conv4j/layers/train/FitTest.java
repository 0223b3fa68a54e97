package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.optimizers.Adam;
import org.junit.jupiter.api.Test;

/** End to end on small synthetic data: learning, determinism, validation split, the NaN guard. */
class FitTest {
    /** 8x8 grey images: class 0 has a bright horizontal bar, class 1 a vertical one, at random places, plus noise. */
    static Tensor[] bars(int n, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[n * 64];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            int at = rng.nextInt(8);
            for (int p = 0; p < 64; p++) {
                x[i * 64 + p] = (float) (rng.nextGaussian() * 0.3);
            }
            for (int k = 0; k < 8; k++) {
                int row = label == 0 ? at : k, col = label == 0 ? k : at;
                x[i * 64 + row * 8 + col] += 1f;
            }
            y[i * 2 + label] = 1f;
        }
        return new Tensor[] {Tensor.of(x, n, 1, 8, 8), Tensor.of(y, n, 2)};
    }

    static Sequential cnn(long seed) {
        Sequential m = new Sequential().input(8, 8, 1)
                .add(new Conv2D(4, 3).padding("same").activation("relu"))
                .add(new MaxPooling2D(2))
                .add(new Flatten())
                .add(new Dropout(0.2))
                .add(new Dense(2, "softmax"));
        m.build(new CpuBackend(2), seed);
        m.compile(new Adam(0.01), new CategoricalCrossentropy(), "accuracy");
        return m;
    }

    private static FitOptions quiet() {
        return new FitOptions().verbose(0);
    }

    @Test
    void aSmallCnnLearnsASeparablePatternAndIsDeterministic() {
        Tensor[] train = bars(512, 1), test = bars(256, 2);
        Sequential a = cnn(7);
        History h = a.fit(train[0], train[1], quiet().epochs(6).batchSize(32).validationData(test[0], test[1]));
        Map<String, Double> result = a.evaluate(test[0], test[1], 64);
        assertTrue(result.get("accuracy") > 0.95, "test accuracy " + result);
        assertEquals(6, h.epochs());
        assertTrue(h.get("loss").get(5) < h.get("loss").get(0));
        assertEquals(result.get("accuracy"), h.get("val_accuracy").get(5), 1e-12);
        assertEquals(0.01, h.get("lr").get(0), 0);

        Sequential b = cnn(7);
        b.fit(train[0], train[1], quiet().epochs(6).batchSize(32).validationData(test[0], test[1]));
        List<float[]> wa = a.getWeights(), wb = b.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wa.get(i), wb.get(i), 0f, "the same seed gives the same weights");
        }
    }

    @Test
    void twoFitsOfOneEpochEqualOneFitOfTwoLikeKeras() {
        Tensor[] train = bars(96, 8);
        Sequential once = cnn(4), twice = cnn(4);
        once.fit(train[0], train[1], quiet().epochs(2).batchSize(32));
        twice.fit(train[0], train[1], quiet().epochs(1).batchSize(32));
        twice.fit(train[0], train[1], quiet().epochs(1).batchSize(32));
        List<float[]> a = once.getWeights(), b = twice.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), 0f, "the shuffling, dropout and Adam streams go on from call to call");
        }
    }

    @Test
    void badSplitsAndBatchSizesAreRefused() {
        Tensor[] train = bars(4, 9);
        Sequential m = cnn(1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> m.fit(train[0], train[1], quiet().validationSplit(0.8)));
        assertTrue(e.getMessage().contains("leaves no training samples"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.predict(train[0], 0));
        assertTrue(e.getMessage().contains("batch size"), e.getMessage());
    }

    @Test
    void validationSplitTakesTheLastSamples() {
        Tensor[] train = bars(100, 3);
        Sequential m = cnn(1);
        History h = m.fit(train[0], train[1], quiet().epochs(1).batchSize(16).validationSplit(0.2));
        assertTrue(h.has("val_loss") && h.has("val_accuracy"));
        Tensor lastFifth = Trainer.rows(train[0], 80, 100), labels = Trainer.rows(train[1], 80, 100);
        assertEquals(m.evaluate(lastFifth, labels, 16).get("loss"), h.get("val_loss").get(0), 1e-9);
    }

    @Test
    void aNanLossStopsTrainingWithAMessage() {
        Tensor[] train = bars(64, 4);
        train[0].floats()[5] = Float.NaN;
        Sequential m = cnn(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        History h = m.fit(train[0], train[1], quiet().epochs(3).batchSize(64).shuffle(false)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals(1, h.epochs());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Invalid loss, terminating training"), out.toString());
    }

    @Test
    void callbacksActOnARealRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Tensor[] train = bars(128, 6), val = bars(64, 7);
        Sequential m = cnn(3);
        String pattern = dir.resolve("best-{epoch:02d}.conv4j").toString();
        ModelCheckpoint checkpoint = ModelCheckpoint.builder(pattern).monitor("val_accuracy").saveBestOnly(true).build();
        ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().monitor("loss").patience(0).minDelta(10).factor(0.5).build();
        History h = m.fit(train[0], train[1], quiet().epochs(3).batchSize(32).validationData(val[0], val[1])
                .callbacks(checkpoint, plateau));
        // Keras: epoch 0 improves on the initial best (infinity); from epoch 1 on no loss drops by min_delta 10,
        // so wait reaches patience 0 and the rate halves after epoch 1, acting from epoch 2.
        assertEquals(List.of(0.01, 0.01, 0.005), h.get("lr"), "each epoch's learning rate");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            java.nio.file.Path saved = files.sorted().reduce((a, b) -> b).orElseThrow();
            Sequential reloaded = (Sequential) org.conv4j.layers.io.ModelIO.load(saved, new CpuBackend(1));
            assertEquals(m.countParams(), reloaded.countParams());
        }
    }

    @Test
    void progressPrintsOneLinePerEpochWhenNotATerminal() {
        Tensor[] train = bars(64, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cnn(2).fit(train[0], train[1], new FitOptions().epochs(2).batchSize(32).verbose(2)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8)));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Epoch 1/2") && text.contains("Epoch 2/2") && text.contains("2/2 - "), text);
        assertTrue(text.contains("loss: ") && text.contains("accuracy: "), text);
    }
}
