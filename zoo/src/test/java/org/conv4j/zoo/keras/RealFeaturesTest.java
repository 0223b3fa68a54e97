package org.conv4j.zoo.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Model;
import org.conv4j.zoo.images.ImageFiles;
import org.conv4j.zoo.keras.KerasWeightLoader.Matching;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real weights mean real features: MobileNetV2 alpha 0.35 and MobileNet alpha 0.25 with the real
 * ImageNet weights, at 160x160 with 'tf' preprocessing and global average pooling, separate cats from dogs so well
 * that the class centroids of 60 training images each classify the 100 + 100 validation images
 * with accuracy >= 0.85 (a wrong padding, BN epsilon or weight transposition destroys this).
 */
class RealFeaturesTest {
    private static final int SIZE = 160;

    static Path catsVsDogs() {
        String v = System.getenv("CONV4J_DATA");
        if (v != null) {
            for (Path p : new Path[] {Path.of(v), Path.of("..").resolve(v)}) {
                if (Files.isDirectory(p.resolve("cats_vs_dogs_small"))) {
                    return p.resolve("cats_vs_dogs_small").toAbsolutePath();
                }
            }
        }
        return null;
    }

    /** Numerically sorted image files (cat.0.jpg, cat.1.jpg, ...), the first {@code n}. */
    static List<Path> images(Path folder, int n) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".jpg"))
                    .sorted((a, b) -> Integer.compare(number(a), number(b))).limit(n).toList();
        }
    }

    private static int number(Path p) {
        String[] parts = p.getFileName().toString().split("\\.");
        return Integer.parseInt(parts[1]);
    }

    private static float[][] features(Model model, List<Path> files) throws IOException {
        int batch = 25, plane = SIZE * SIZE;
        List<float[]> out = new ArrayList<>();
        for (int start = 0; start < files.size(); start += batch) {
            int n = Math.min(batch, files.size() - start);
            float[] x = new float[n * 3 * plane];
            for (int i = 0; i < n; i++) {
                System.arraycopy(ImageFiles.readRgb(files.get(start + i), SIZE, SIZE), 0, x, i * 3 * plane, 3 * plane);
            }
            Preprocessing.TF.apply(x, plane); // both models here preprocess as 'tf'
            Tensor f = model.predict(Tensor.of(x, n, 3, SIZE, SIZE), n);
            int d = f.size() / n;
            for (int i = 0; i < n; i++) {
                out.add(java.util.Arrays.copyOfRange(f.floats(), i * d, (i + 1) * d));
            }
        }
        return out.toArray(new float[0][]);
    }

    private static double[] centroid(float[][] rows) {
        double[] c = new double[rows[0].length];
        for (float[] r : rows) {
            for (int j = 0; j < c.length; j++) {
                c[j] += r[j] / rows.length;
            }
        }
        return c;
    }

    private static double distance(float[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"MOBILENETV2, 0.35, " + KerasImportTest.MOBILENET_035, "MOBILENET, 0.25, " + KerasImportTest.MOBILENET_V1_025})
    void centroidsOfRealFeaturesSeparateCatsFromDogs(Architecture architecture, double alpha, String file) throws IOException {
        Path data = catsVsDogs();
        Assumptions.assumeTrue(data != null, "cats_vs_dogs_small absent: set CONV4J_DATA");
        Path weights = KerasImportTest.requireReal(file);
        Model model = architecture.build(alpha, SIZE, SIZE, false, "avg", 1000, true).build(new CpuBackend(), 1);
        KerasWeightLoader.load(model, weights, Matching.TOPOLOGICAL);
        double[] cats = centroid(features(model, images(data.resolve("train/cats"), 60)));
        double[] dogs = centroid(features(model, images(data.resolve("train/dogs"), 60)));
        int right = 0, total = 0;
        for (String cls : new String[] {"cats", "dogs"}) {
            for (float[] f : features(model, images(data.resolve("validation/" + cls), 100))) {
                boolean saysCat = distance(f, cats) < distance(f, dogs);
                right += saysCat == cls.equals("cats") ? 1 : 0;
                total++;
            }
        }
        double accuracy = (double) right / total;
        assertTrue(accuracy >= 0.85, "centroid accuracy " + accuracy + " on " + total + " validation images");
    }
}
