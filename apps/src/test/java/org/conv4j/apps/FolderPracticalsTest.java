package org.conv4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * fine-tune and cats-vs-dogs end to end with the real MobileNetV2 alpha 0.35 weights
 * (CONV4J_DATA), on a generated 3-class folder and on cats_vs_dogs_small, small images, a few per
 * class, one epoch a phase; downloads off.
 */
@ExtendWith(OfflineDownloads.class)
class FolderPracticalsTest {
    @TempDir
    Path dir;


    static Path data() {
        Path data = ScratchCnnCommandTest.sharedData();
        Assumptions.assumeTrue(data != null && Files.isRegularFile(data.resolve("keras")
                        .resolve("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5"))
                        && Files.isDirectory(data.resolve("cats_vs_dogs_small")),
                "cats_vs_dogs_small and MobileNetV2 alpha 0.35 absent: set CONV4J_DATA to the shared data folder");
        return data;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> models(Path run) throws Exception {
        Map<String, Object> m = new Gson().fromJson(Files.readString(run.resolve("metrics.json")), Map.class);
        return (List<Map<String, Object>>) m.get("models");
    }

    /** Three classes of 8 images each, 40x36 PNGs: red, green and blue blobs on noise. */
    private static Path threeClassFolder(Path root) throws Exception {
        Random r = new Random(4);
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE};
        for (int c = 0; c < 3; c++) {
            Path folder = Files.createDirectories(root.resolve("class_" + c));
            for (int i = 0; i < 8; i++) {
                BufferedImage img = new BufferedImage(40, 36, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 36; y++) {
                    for (int x = 0; x < 40; x++) {
                        boolean blob = Math.hypot(x - 20, y - 18) < 10 + r.nextInt(4);
                        img.setRGB(x, y, blob ? colors[c].getRGB() : r.nextInt(0x1000000));
                    }
                }
                ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    @Test
    void fineTuneRunsBothPhasesAndEveryComparisonOnAGeneratedFolder() throws Exception {
        Path data = data(), folder = threeClassFolder(dir.resolve("shapes")), out = dir.resolve("runs").resolve("ft");
        Object[] r = PracticalCommandsTest.execute("fine-tune", "--data", folder.toString(), "--alpha", "0.35", "--size", "32",
                "--validation-split", "0.25", "--epochs", "1", "--fine-tune-epochs", "1", "--bn-gotcha", "--from-scratch",
                "--differential-lr", "--tta", "2", "--batch-size", "6", "--seed", "3", "--data-dir", data.toString(), "--out", out.toString());
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        List<Map<String, Object>> models = models(out);
        assertEquals(List.of("mobilenetv2_phase1", "mobilenetv2_phase2", "mobilenetv2_phase2_bn_training", "mobilenetv2_scratch"),
                models.stream().map(e -> e.get("name")).toList());
        for (Map<String, Object> e : models) {
            assertTrue(e.containsKey("val_accuracy") && e.containsKey("tta_accuracy") && !e.containsKey("val_auc"), e.get("name") + ": " + e.keySet());
        }
        assertEquals(3_843.0, models.get(0).get("params_trainable"),
                "phase 1 trains the head alone: Dense(3) on 1,280 features, 3,843 weights");
        assertTrue((Double) models.get(1).get("params_trainable") > 300_000, "phase 2 trains the base");
        assertTrue(text.contains("Side by side") && text.contains("+") && text.contains("points"), text);
        assertTrue(Files.size(out.resolve("mobilenetv2/augmentation.png")) > 0);
        Document page = ReportCheck.assertComplete(out);
        assertTrue(page.select("h2:containsOwn(Side by side) + table tr").size() >= 4, "three contrasts in report.html");
        assertTrue(page.text().contains("mobilenetv2_phase2_bn_training"));
    }

    /** On cats_vs_dogs_small's train/ and validation/ folders, 8 images a class: two classes, so every phase has its val_auc and ROC curve. */
    @Test
    void fineTuneReadsKerasTrainAndValidationFoldersAndScoresTheAuc() throws Exception {
        Path data = data(), out = dir.resolve("runs").resolve("ft-cvd");
        Object[] r = PracticalCommandsTest.execute("fine-tune", "--data", data.resolve("cats_vs_dogs_small").toString(), "--alpha", "0.35",
                "--size", "32", "--per-class-limit", "8", "--epochs", "1", "--fine-tune-epochs", "1", "--seed", "1",
                "--data-dir", data.toString(), "--out", out.toString());
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        assertTrue(text.contains("16 training images, 16 validation images (its validation/ folder"), text);
        List<Map<String, Object>> models = models(out);
        assertEquals(List.of("mobilenetv2_phase1", "mobilenetv2_phase2"), models.stream().map(e -> e.get("name")).toList());
        for (Map<String, Object> e : models) {
            double auc = (Double) e.get("val_auc");
            assertTrue(auc >= 0 && auc <= 1, e.get("name") + ": " + auc);
            assertTrue(Files.size(out.resolve(e.get("name") + "/roc.png")) > 0);
        }
        assertTrue(Files.size(out.resolve("roc.png")) > 0, "both phases' ROC curves in one plot");
        ReportCheck.assertComplete(out);
    }

    @Test
    void catsVsDogsScoresAccuracyAndAucAndDrawsTheRocCurve() throws Exception {
        Path data = data(), out = dir.resolve("runs").resolve("cvd");
        Object[] r = PracticalCommandsTest.execute("cats-vs-dogs", "--alpha", "0.35", "--size", "64", "--epochs", "2", "--seed", "1",
                "--data-dir", data.toString(), "--out", out.toString());
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        assertTrue(text.contains("val_auc"), "AUC every epoch: " + text);
        List<Map<String, Object>> models = models(out);
        assertEquals(List.of("mobilenetv2_frozen"), models.stream().map(e -> e.get("name")).toList());
        Map<String, Object> e = models.get(0);
        assertEquals(1_281.0, e.get("params_trainable"), "Dense(1, sigmoid) on 1,280 features");
        double auc = (Double) e.get("val_auc");
        assertTrue(auc > 0.7 && auc <= 1, "ImageNet features tell cats from dogs: AUC " + auc);
        assertTrue(Files.size(out.resolve("mobilenetv2_frozen/roc.png")) > 0);
        assertFalse(text.contains("Exception"), text);
        Document page = ReportCheck.assertComplete(out);
        assertTrue(page.select("img[src=mobilenetv2_frozen/roc.png]").size() == 1, "the ROC curve is in report.html");
    }

    @Test
    void aFolderWithoutClassesIsOneClearError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty").resolve("only_one"));
        Object[] r = PracticalCommandsTest.execute("fine-tune", "--data", empty.getParent().toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("needs one folder of images per class"), (String) r[1]);
        List<String> lines = new ArrayList<>(((String) r[1]).lines().toList());
        assertEquals(1, lines.size(), "one line, no stack trace: " + lines);
    }

    /**
     * mnist-transfer on a slice of the real MNIST: the CNN baseline on the grey digits, MobileNetV2
     * frozen on them made RGB at 32x32, VGG16 and ResNet50 skipped (no weights here), the feature
     * maps and the misclassified digits drawn from the best model.
     */
    @Test
    void mnistTransferTrainsTheBaselineAndABaseAndDrawsTheFeatureMaps() throws Exception {
        Path data = data(), out = dir.resolve("runs").resolve("mnist");
        Object[] r = PracticalCommandsTest.execute("mnist-transfer", "--alpha", "0.35", "--limit-train", "600", "--limit-test", "200",
                "--epochs", "1", "--seed", "2", "--data-dir", data.toString(), "--out", out.toString());
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        List<Map<String, Object>> models = models(out);
        assertEquals(List.of("cnn_baseline", "mobilenetv2_frozen"), models.stream().map(e -> e.get("name")).toList());
        assertEquals(1_630_090.0, models.get(0).get("params_total"), "the simple CNN on 28x28x1: 7*7*64*512 + ... weights");
        assertEquals(97.0, (Double) models.get(1).get("params_frozen_percent"), 0.1, "12,810 of 423,018 train");
        assertTrue(text.contains("Skipping vgg16") && text.contains("Skipping resnet50"), text);
        assertTrue(text.contains("540 training images, 60 validation images, 200 test images"), text);
        assertTrue(Files.size(out.resolve("misclassified.png")) > 0);
        List<String> sizes = new ArrayList<>();
        try (var files = Files.newDirectoryStream(out, "feature_maps_*.png")) {
            for (Path f : files) {
                BufferedImage maps = ImageIO.read(f.toFile());
                sizes.add(maps.getWidth() + "x" + maps.getHeight());
            }
        }
        java.util.Collections.sort(sizes);
        assertEquals(List.of("680x340", "680x680"), sizes,
                "the CNN's two Conv2D layers: 32 maps of 28x28 at 3x in 4 rows of 8, 64 maps of 14x14 at 6x in 8 rows (a 1-pixel gap each)");
        Document page = ReportCheck.assertComplete(out);
        assertTrue(page.select("img[src=misclassified.png]").size() == 1);
    }
}
