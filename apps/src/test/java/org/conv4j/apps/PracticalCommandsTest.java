package org.conv4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conv4j.apps.practical.BuiltModel;
import org.conv4j.apps.practical.Candidate;
import org.conv4j.apps.practical.InputPipeline;
import org.conv4j.apps.practical.OptimizerSpec;
import org.conv4j.apps.practical.Phase;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.PracticalRun;
import org.conv4j.apps.practical.PracticalRunner;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Sequential;
import org.conv4j.zoo.models.SimpleCnn;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CIFAR-10 practicals end to end on slices of the real CIFAR-10 with the real MobileNetV2
 * alpha 0.35 weights (CONV4J_DATA), one short epoch a phase; downloads are off, as on a machine
 * without internet.
 */
@ExtendWith(OfflineDownloads.class)
class PracticalCommandsTest {
    private static final List<String> SCRATCH_CNN_KEYS = List.of("name", "params_total", "params_trainable", "epochs_run", "best_epoch",
            "train_accuracy", "val_accuracy", "test_accuracy", "test_loss", "overfitting_gap", "seconds_per_epoch",
            "train_images_per_second", "classification_report");
    private static final String[] SLICE = {"--limit-train", "256", "--limit-test", "200", "--seed", "2"};

    @TempDir
    Path runs;


    private static Path data() {
        Path data = ScratchCnnCommandTest.sharedData();
        Assumptions.assumeTrue(data != null && Files.isRegularFile(data.resolve("keras")
                        .resolve("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5")),
                "CIFAR-10 and MobileNetV2 alpha 0.35 absent: set CONV4J_DATA to the shared data folder");
        return data;
    }

    /** Runs the command line; returns its exit code and what it printed, stdout then stderr. */
    static Object[] execute(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Conv4j.commandLine();
            cl.setErr(new PrintWriter(err));
            code = cl.execute(args);
        } finally {
            System.setOut(saved);
        }
        return new Object[] {code, captured.toString(StandardCharsets.UTF_8) + err};
    }

    private static String[] args(String command, Path data, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(more));
        a.addAll(List.of(SLICE));
        a.addAll(List.of("--data-dir", data.toString(), "--out", out.toString()));
        return a.toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metrics(Path run) throws Exception {
        return new Gson().fromJson(Files.readString(run.resolve("metrics.json")), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> models(Map<String, Object> metrics) {
        return (List<Map<String, Object>>) metrics.get("models");
    }

    @Test
    void scratchVsTransferRunsItsThreePhasesAndWritesEveryReport() throws Exception {
        Path data = data(), out = runs.resolve("svt");
        Object[] r = execute(args("scratch-vs-transfer", data, out, "--alpha", "0.35", "--epochs", "1", "--fine-tune-epochs", "1"));
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        assertFalse(text.contains("SLF4J") || text.contains("INFO:"), "no library noise: " + text);
        Map<String, Object> m = metrics(out);
        assertEquals("scratch-vs-transfer", m.get("command"));
        List<Map<String, Object>> models = models(m);
        assertEquals(List.of("simple_cnn", "mobilenetv2_frozen", "mobilenetv2_finetuned"), models.stream().map(e -> e.get("name")).toList());
        for (Map<String, Object> e : models) {
            for (String key : SCRATCH_CNN_KEYS) {
                assertTrue(e.containsKey(key), key + " in " + e.get("name"));
            }
        }
        assertEquals(List.of("none", "mobilenetv2", "mobilenetv2"), models.stream().map(e -> e.get("base")).toList());
        assertEquals(List.of(1.0, 1.0, 2.0), models.stream().map(e -> e.get("phase")).toList());
        assertEquals(2_122_186.0, models.get(0).get("params_total"));
        assertEquals(12_810.0, models.get(1).get("params_trainable"));
        assertEquals(models.get(1).get("params_total"), models.get(2).get("params_total"));
        assertTrue((Double) models.get(2).get("params_trainable") > 12_810.0);
        assertTrue(text.contains("Frozen up to"), "the frozen base's outputs are computed once: " + text);
        for (String f : List.of("simple_cnn/history.csv", "simple_cnn/curves.png", "simple_cnn/model.conv4j",
                "mobilenetv2/history.csv", "mobilenetv2/curves.png", "mobilenetv2_finetuned/confusion_matrix.png",
                "mobilenetv2_finetuned/classification_report.txt", "comparison.csv", "comparison.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("mobilenetv2/history.csv")).startsWith("epoch,phase,"));
        Document doc = ReportCheck.assertComplete(out);
        assertTrue(doc.text().contains("mobilenetv2_finetuned: fine-tuned"), doc.text());
        assertTrue(Files.readString(runs.resolve("index.html")).contains("svt/report.html"), "runs/index.html lists the run");
    }

    @Test
    void compareModelsSkipsABaseWithoutWeightsAndStillSucceeds() throws Exception {
        Path data = data(), out = runs.resolve("compare");
        Object[] r = execute(args("compare-models", data, out, "--bases", "resnet50,mobilenetv2", "--alpha", "0.35", "--epochs", "1"));
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        String line = text.lines().filter(l -> l.startsWith("Skipping resnet50:")).findFirst().orElseThrow(() -> new AssertionError(text));
        assertTrue(line.contains("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5") && line.contains("put the file in"), line);
        Map<String, Object> m = metrics(out);
        assertEquals(List.of("mobilenetv2_frozen"), models(m).stream().map(e -> e.get("name")).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> skipped = (List<Map<String, Object>>) m.get("skipped");
        assertEquals("resnet50", skipped.get(0).get("name"));
        assertTrue(models(m).get(0).containsKey("efficiency"));
        Document doc = ReportCheck.assertComplete(out);
        assertTrue(doc.text().contains("Skipped") && doc.text().contains("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5"));
    }

    @Test
    void experimentsAllTrainsSharedModelsOnceAndSkipsD() throws Exception {
        Path data = data(), out = runs.resolve("experiments");
        Object[] r = execute(args("experiments", data, out, "all", "--alpha", "0.35", "--size", "32", "--epochs", "1"));
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("Skipping efficientnetb0_32:") && l.contains("efficientnetb0_notop.h5")), text);
        Map<String, Object> m = metrics(out);
        assertEquals(List.of("simple_cnn", "bn_dropout_cnn", "bn_dropout_cnn_l2", "mobilenetv2_32_frozen", "mobilenetv2_32_finetuned",
                "bn_dropout_cnn_adam_5e-4", "bn_dropout_cnn_sgd_nesterov", "bn_dropout_cnn_rmsprop"),
                models(m).stream().map(e -> e.get("name")).toList());
        Document doc = ReportCheck.assertComplete(out);
        for (String section : List.of("Experiment A", "Experiment B", "Experiment C", "Experiment D", "Experiment E")) {
            assertTrue(doc.select("h2").eachText().stream().anyMatch(t -> t.startsWith(section)), section);
        }
        assertTrue(doc.text().contains("ranked by val_accuracy"));
    }

    @Test
    void transferTakesEverySettingOfItsHeadAndFineTuning() throws Exception {
        Path data = data(), out = runs.resolve("transfer");
        Object[] r = execute(args("transfer", data, out, "--base", "mobilenetv2", "--alpha", "0.35", "--head", "gap", "--dense", "16",
                "--dropout", "0.2", "--fine-tune", "5", "--fine-tune-lr", "0.00005", "--optimizer", "rmsprop", "--epochs", "1",
                "--fine-tune-epochs", "1"));
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        List<Map<String, Object>> models = models(metrics(out));
        assertEquals(List.of("mobilenetv2_frozen", "mobilenetv2_finetuned"), models.stream().map(e -> e.get("name")).toList());
        assertEquals("RMSprop(learning_rate=0.001)", models.get(0).get("optimizer"));
        assertEquals("RMSprop(learning_rate=0.00005)", models.get(1).get("optimizer"));
        assertEquals(1280 * 16 + 16 + 16 * 10 + 10.0, models.get(0).get("params_trainable"), "GAP, Dense(16), Dropout, Dense(10)");
        assertTrue(text.contains("Frozen up to global_average_pooling2d"), "phase 1 caches the base and the pooling: " + text);
        ReportCheck.assertComplete(out);
    }

    @Test
    void aMissingBaseStopsTransferBeforeAnyDataWithWhereToPutIt() {
        Path data = data();
        long start = System.nanoTime();
        Object[] r = execute(args("transfer", data, runs.resolve("t"), "--preset", "ut3-vgg16"));
        String text = (String) r[1];
        assertEquals(2, r[0], text);
        assertTrue(text.contains("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5") && text.contains("put the file in"), text);
        assertFalse(text.contains("CIFAR-10:"), "before the data is read: " + text);
        assertTrue(System.nanoTime() - start < 10e9);
    }

    @Test
    void badOptionsGiveOneClearLineBeforeAnyData() {
        String[][] bad = {{"transfer", "--base", "mobilenetv2", "--head", "max"}, {"transfer", "--base", "alexnet"},
            {"experiments", "F"}, {"compare-models", "--bases", "resnet50,lenet"}, {"scratch-vs-transfer", "--unfreeze", "0"},
            {"scratch-vs-transfer", "--alpha", "0.3"}, {"scratch-vs-transfer", "--lr", "-1"}, {"experiments", "A", "--l2", "0"},
            {"transfer", "--preset", "ut3-vgg16", "--size", "16"}};
        for (String[] b : bad) {
            List<String> a = new ArrayList<>(List.of(b));
            a.addAll(List.of("--data-dir", "/nonexistent", "--out", runs.resolve("bad").toString()));
            Object[] r = execute(a.toArray(String[]::new));
            String text = (String) r[1];
            assertEquals(2, r[0], String.join(" ", b) + ": " + text);
            assertFalse(text.contains("Exception") || text.contains("\tat "), "no stack trace: " + text);
            assertFalse(text.contains("CIFAR"), "checked before the data: " + text);
        }
    }

    @Test
    void phaseTwoStartsFromPhaseOnesWeights() throws Exception {
        Path data = data();
        List<float[]> atPhaseTwo = new ArrayList<>();
        List<float[]> initial = new ArrayList<>();
        Sequential[] model = new Sequential[1];
        Phase first = new Phase("tiny_first", "first", "", 1, OptimizerSpec.adam(1e-3), 3, m -> { });
        // a rate so small that phase 2 cannot move the weights: its results must be phase 1's
        Phase second = new Phase("tiny_second", "second", "", 1, OptimizerSpec.adam(1e-12), 3,
                m -> atPhaseTwo.addAll(m.model().getWeights()));
        Candidate tiny = new Candidate("tiny", "none", "simple-cnn", InputPipeline.unitRange(32), (backend, seed) -> {
            model[0] = SimpleCnn.simple(32, 32, 3, 10);
            model[0].build(backend, seed);
            initial.addAll(model[0].getWeights());
            return new BuiltModel(model[0], null);
        }, Candidate.WeightsCheck.NONE, List.of(first, second));
        Practical p = new Practical("test", "two phases", "", List.of(tiny), List.of(Practical.allEntries("all", List.of(tiny), null)), false);
        PracticalRun run = new PracticalRunner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(p,
                new PracticalRunner.Settings(data, 256, 200, 32, 3, runs.resolve("tiny"), List.of("test"), false), new CpuBackend(2));
        List<float[]> end = model[0].getWeights();
        for (int i = 0; i < end.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(atPhaseTwo.get(i), end.get(i), 1e-6f, "weight " + i);
        }
        assertNotEquals(java.util.Arrays.hashCode(initial.get(0)), java.util.Arrays.hashCode(atPhaseTwo.get(0)), "phase 1 trained");
        assertEquals(run.phases().get(0).testAccuracy(), run.phases().get(1).testAccuracy(), 1e-9);
        assertEquals(run.phases().get(0).testLoss(), run.phases().get(1).testLoss(), 1e-4);
    }
}
