package org.conv4j.zoo.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.RandomFlip;
import org.conv4j.layers.RandomRotation;
import org.conv4j.layers.RandomZoom;
import org.conv4j.layers.Rescaling;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.data.Dataset;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.train.BinaryCrossentropy;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.layers.train.History;
import org.conv4j.zoo.data.ImageFolders;
import org.conv4j.zoo.images.AugmentationPreview;
import org.conv4j.zoo.images.ImageFiles;
import org.conv4j.zoo.keras.KerasWeightLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fine-tuning practical's model: RandomFlip, RandomRotation(0.1), RandomZoom(0.1), Rescaling,
 * a MobileNetV2 base (real ImageNet weights) called with training=false, global average pooling,
 * Dropout, Dense, trained from the cats_vs_dogs_small folder; the augmentation preview is written.
 */
class FolderFineTuningTest {
    @Test
    void augmentedFineTuningFromAFolderTrainsAndWritesThePreview(@TempDir Path dir) throws Exception {
        String data = System.getenv("CONV4J_DATA");
        Path root = data == null ? null : Path.of(data);
        Path weights = root == null ? null : root.resolve("keras").resolve("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5");
        Assumptions.assumeTrue(weights != null && Files.isRegularFile(weights) && Files.isDirectory(root.resolve("cats_vs_dogs_small")),
                "cats_vs_dogs_small or the MobileNetV2 0.35 weights absent: set CONV4J_DATA");
        Layer.resetNames();
        int size = 96;
        ImageFolders.ImageFolder train = ImageFolders.imageDatasetFromDirectory(root.resolve("cats_vs_dogs_small/train"),
                ImageFolders.Options.defaults().imageSize(size, size).batchSize(16).shuffle(true, 3L).labelMode("binary"));
        Model base = MobileNetV2.build(0.35, size, size, false, null, 1000);
        SymbolicTensor in = InputLayer.input(size, size, 3);
        SymbolicTensor x = new RandomFlip().apply(in);
        x = new RandomRotation(0.1).apply(x);
        x = new RandomZoom(0.1).apply(x);
        x = new Rescaling(1 / 127.5, -1).apply(x);
        x = base.apply(x, false);
        x = new GlobalAveragePooling2D().apply(x);
        x = new Dropout(0.2).apply(x);
        Model model = new Model(in, new Dense(1, "sigmoid").apply(x), "fine_tuning");
        model.build(new CpuBackend(2), 5);
        KerasWeightLoader.load(base, weights, KerasWeightLoader.Matching.TOPOLOGICAL);
        float[] movingMean = base.getLayer("bn_Conv1").weights().get(2).value().toFloatArray();
        float[] gamma = base.getLayer("bn_Conv1").weights().get(0).value().toFloatArray();
        model.compile(new Adam(1e-4), new BinaryCrossentropy(), "accuracy", "auc");
        Dataset few = train.dataset().take(3);
        History h = model.fit(few, new FitOptions().epochs(1).verbose(0));
        assertEquals(1, h.series().get("loss").size());
        assertTrue(h.series().containsKey("auc"));
        assertArrayEquals(movingMean, base.getLayer("bn_Conv1").weights().get(2).value().toFloatArray(), 0f,
                "the base runs with training=false: its moving statistics stay");
        assertFalse(java.util.Arrays.equals(gamma, base.getLayer("bn_Conv1").weights().get(0).value().toFloatArray()),
                "while its weights train");

        Path preview = dir.resolve("preview.png");
        float[] image = ImageFiles.readRgb(train.files().get(0), size, size);
        AugmentationPreview.write(preview, List.of(model.getLayer("random_flip"), model.getLayer("random_rotation"),
                model.getLayer("random_zoom")), image, size, size, 9, 3);
        BufferedImage grid = ImageIO.read(preview.toFile());
        assertEquals(3 * size, grid.getWidth());
        assertEquals(3 * size, grid.getHeight());
        assertTrue(grid.getRGB(size / 2, size / 2) != grid.getRGB(size + size / 2 + 7, size / 2 + 5)
                || grid.getRGB(3, 3) != grid.getRGB(size + 3, 3), "the tiles differ");
    }
}
