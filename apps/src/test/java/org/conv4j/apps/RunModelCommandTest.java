package org.conv4j.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Model;
import org.conv4j.zoo.keras.KerasWeightLoader;
import org.conv4j.zoo.models.MobileNetV2;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** summary and run-model through the command line, and .npy round trips. */
class RunModelCommandTest {
    static int run(StringWriter err, String... args) {
        CommandLine cl = Conv4j.commandLine();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void npyRoundTripsAndRejectsBadFiles(@TempDir Path dir) throws Exception {
        Tensor t = Tensor.of(new float[] {1, -2, 3.5f, 4, 5, 6}, 1, 2, 3);
        Path f = dir.resolve("t.npy");
        Npy.write(f, t);
        Tensor back = Npy.read(f);
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.floats(), back.floats());
        assertEquals(0, (Files.size(f) - 4 * 6) % 64, "the header is padded to 64 bytes");
        Files.writeString(dir.resolve("bad.npy"), "nope");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> Npy.read(dir.resolve("bad.npy")));
        assertTrue(e.getMessage().contains("bad.npy"), e.getMessage());
    }

    @Test
    void runModelWritesWhatPredictReturnsInNhwc(@TempDir Path dir) throws Exception {
        String data = System.getenv("CONV4J_DATA");
        Path weights = null;
        for (String base : new String[] {data, data == null ? null : "../" + data}) {
            if (base != null && Files.isRegularFile(Path.of(base, "keras", "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5"))) {
                weights = Path.of(base, "keras", "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5").toAbsolutePath();
            }
        }
        Assumptions.assumeTrue(weights != null, "MobileNetV2 0.35 weights absent: set CONV4J_DATA");
        Random rng = new Random(4);
        float[] x = new float[2 * 40 * 40 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        Path in = dir.resolve("x.npy"), out = dir.resolve("y.npy");
        Npy.write(in, Tensor.of(x, 2, 40, 40, 3));
        StringWriter err = new StringWriter();
        int code = run(err, "run-model", "--model", "mobilenetv2", "--alpha", "0.35", "--no-top", "--weights", weights.toString(),
                "--input", in.toString(), "--output", out.toString(), "--device", "cpu");
        assertEquals(0, code, err.toString());
        Tensor y = Npy.read(out);
        assertArrayEquals(new int[] {2, 2, 2, 1280}, y.shape());

        Model m = MobileNetV2.build(0.35, 40, 40, false, null, 1000).build(new CpuBackend(), 1);
        KerasWeightLoader.load(m, weights, KerasWeightLoader.Matching.TOPOLOGICAL);
        Tensor expected = Layouts.nchwToNhwc(m.predict(Layouts.nhwcToNchw(Tensor.of(x, 2, 40, 40, 3)), 2));
        assertArrayEquals(expected.floats(), y.floats(), 1e-5f);
    }

    /** Runs the command line with System.out captured. */
    static String stdout(String... args) {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            StringWriter err = new StringWriter();
            assertEquals(0, run(err, args), err.toString());
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {"mobilenet|4,253,864", "mobilenetv2|3,538,984",
        "mobilenetv3small|2,554,968", "mobilenetv3large|5,507,432", "vgg16|138,357,544", "vgg19|143,667,240", "resnet50|25,636,712",
        "resnet101|44,707,176", "resnet152|60,419,944", "efficientnetb0|5,330,571", "efficientnetb3|12,320,535",
        "simple-cnn|2,122,186"})
    void summaryPrintsKerasTotalForEveryZooModel(String model, String total) {
        org.conv4j.layers.Layer.resetNames();
        String out = stdout("summary", model);
        assertTrue(out.contains("Total params: " + total + " ("), model + ":\n" + out.lines().skip(Math.max(0, out.lines().count() - 6)).toList());
    }

    @Test
    void runModelTakesEveryZooNameWithItsOptions(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("x.npy"), out = dir.resolve("y.npy");
        Npy.write(in, Tensor.of(new float[2 * 32 * 32 * 3], 2, 32, 32, 3));
        String line = stdout("run-model", "--model", "mobilenet", "--alpha", "0.5", "--no-top", "--pooling", "avg", "--input", in.toString(),
                "--output", out.toString(), "--device", "cpu");
        assertTrue(line.contains("mobilenet_0.50_224") && line.contains("(None, 512)"), line);
        stdout("run-model", "--model", "efficientnetb0", "--classes", "7", "--input", in.toString(), "--output", out.toString(), "--device", "cpu");
        assertArrayEquals(new int[] {2, 7}, Npy.read(out).shape());
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "run-model", "--model", "resnet50", "--input", in.toString(), "--output", out.toString(),
                "--weights", "imagenet"));
        assertTrue(err.toString().contains("(224, 224, 3)") && err.toString().contains("--no-top"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "summary", "resnet50", "--input-shape", "16x16x3", "--no-top"));
        assertTrue(err.toString().contains("at least 32x32"), err.toString());
    }

    @Test
    void badInputsGiveOneClearLine(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "run-model", "--model", "vgg16", "--input", dir.resolve("none.npy").toString(),
                "--output", dir.resolve("y.npy").toString()));
        assertTrue(err.toString().contains("none.npy") && err.toString().contains("does not exist"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "summary", "resnet"));
        assertTrue(err.toString().contains("unknown --model 'resnet'"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "summary", "vgg16", "--input-shape", "32x32"));
        assertTrue(err.toString().contains("is not HxWxC"), err.toString());
    }
}
