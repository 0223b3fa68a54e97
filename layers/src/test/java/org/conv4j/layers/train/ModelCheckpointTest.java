package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    private final FakeTraining training = new FakeTraining();

    @Test
    void fileNamesUseTheOneBasedEpochAndTheLogs() {
        ModelCheckpoint c =
                ModelCheckpoint.builder("ckpt/model-{epoch:02d}-{val_accuracy:.4f}.keras").build();
        assertEquals(
                Path.of("ckpt/model-01-0.8765.keras"),
                c.filePath(0, FakeTraining.logs("val_accuracy", 0.87654)));
        assertEquals(
                Path.of("ckpt/model-12-0.5000.keras"),
                c.filePath(11, FakeTraining.logs("val_accuracy", 0.5)));
    }

    @Test
    void savesEveryEpochAndCreatesDirectories(@TempDir Path dir) {
        String pattern = dir.resolve("sub/w-{epoch}.weights.h5").toString();
        ModelCheckpoint c = ModelCheckpoint.builder(pattern).saveWeightsOnly(true).build();
        training.fit(c, "val_loss", 0.5, 0.6);
        assertEquals(
                List.of(
                        "weights " + dir.resolve("sub/w-1.weights.h5"),
                        "weights " + dir.resolve("sub/w-2.weights.h5")),
                training.saved);
        assertTrue(Files.isDirectory(dir.resolve("sub")));
    }

    @Test
    void saveBestOnlySavesStrictImprovements() {
        ModelCheckpoint c =
                ModelCheckpoint.builder("m-{epoch}.keras").saveBestOnly(true).verbose(true).build();
        training.fit(c, "val_loss", 0.5, 0.6, 0.4, 0.4, 0.3);
        assertEquals(
                List.of("model m-1.keras", "model m-3.keras", "model m-5.keras"), training.saved);
        assertEquals(0.3, c.best());
        String printed = training.printed();
        assertTrue(
                printed.contains(
                        "Epoch 1: val_loss improved from None to 0.50000, saving model to m-1.keras"));
        assertTrue(printed.contains("Epoch 4: val_loss did not improve from 0.40000"));
        assertTrue(printed.contains("Epoch 5: finished saving model to m-5.keras"));
    }

    @Test
    void autoModeMaximizesAccuracy() {
        ModelCheckpoint c =
                ModelCheckpoint.builder("m-{epoch}.keras")
                        .monitor("val_accuracy")
                        .saveBestOnly(true)
                        .build();
        training.fit(c, "val_accuracy", 0.5, 0.4, 0.6);
        assertEquals(List.of("model m-1.keras", "model m-3.keras"), training.saved);
    }

    @Test
    void initialValueThresholdMustBeBeaten() {
        ModelCheckpoint c =
                ModelCheckpoint.builder("m-{epoch}.keras")
                        .saveBestOnly(true)
                        .initialValueThreshold(0.45)
                        .build();
        training.fit(c, "val_loss", 0.5, 0.4, 0.42);
        assertEquals(List.of("model m-2.keras"), training.saved);
    }

    @Test
    void theBestIsKeptAcrossFitsAsInKeras() {
        ModelCheckpoint c = ModelCheckpoint.builder("m-{epoch}.keras").saveBestOnly(true).build();
        training.fit(c, "val_loss", 0.3);
        training.fit(c, "val_loss", 0.6, 0.2);
        assertEquals(List.of("model m-1.keras", "model m-2.keras"), training.saved);
    }

    @Test
    void missingMonitorWarnsAndSavesAnyway() {
        ModelCheckpoint c = ModelCheckpoint.builder("m-{epoch}.keras").saveBestOnly(true).build();
        c.onEpochEnd(training, 0, FakeTraining.logs("loss", 1.0));
        assertEquals(List.of("model m-1.keras"), training.saved);
        assertTrue(
                training.printed()
                        .contains(
                                "metric `val_loss` which is not available. Available metrics are:"
                                        + " loss"));
    }

    @Test
    void unknownPlaceholderFails() {
        ModelCheckpoint c = ModelCheckpoint.builder("m-{val_acc:.2f}.keras").build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> c.onEpochEnd(training, 0, FakeTraining.logs("loss", 1.0)));
        assertTrue(e.getMessage().contains("no value for {val_acc}"), e.getMessage());
    }
}
