package org.conv4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The practical end to end on a slice of the real CIFAR-10 (CONV4J_DATA), and the command line's errors. */
class ScratchCnnCommandTest {
    static Path sharedData() {
        String v = System.getenv("CONV4J_DATA");
        if (v == null) {
            return null;
        }
        for (Path p : List.of(Path.of(v), Path.of("..").resolve(v))) {
            if (Files.isDirectory(p.resolve("cifar10"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    @Test
    void oneShortEpochWritesEveryReport(@TempDir Path out) throws Exception {
        Path data = sharedData();
        Assumptions.assumeTrue(data != null, "CIFAR-10 absent: set CONV4J_DATA to a folder holding cifar10/");
        Object[] run = PracticalCommandsTest.execute("scratch-cnn", "--epochs", "1", "--limit-train", "512", "--seed", "3",
                "--data-dir", data.toString(), "--out", out.toString());
        int code = (Integer) run[0];
        String text = (String) run[1];
        assertEquals(0, code, text);
        assertTrue(text.contains("Total params: 2,122,186"), text);
        assertTrue(text.contains("simple_cnn: test accuracy ") && text.contains("weighted avg"), text);
        for (String f : List.of("simple_cnn/history.csv", "simple_cnn/curves.png", "simple_cnn/classification_report.txt",
                "simple_cnn/confusion_matrix.png", "simple_cnn/model.conv4j", "metrics.json", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        ReportCheck.assertComplete(out);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = new Gson().fromJson(Files.readString(out.resolve("metrics.json")), Map.class);
        assertEquals("scratch-cnn", metrics.get("command"));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = ((List<Map<String, Object>>) metrics.get("models")).get(0);
        for (String key : List.of("name", "params_total", "params_trainable", "epochs_run", "best_epoch", "train_accuracy",
                "val_accuracy", "test_accuracy", "test_loss", "overfitting_gap", "seconds_per_epoch", "train_images_per_second")) {
            assertTrue(model.containsKey(key), key);
        }
        assertEquals(2_122_186.0, model.get("params_total"));
        assertTrue((Double) model.get("test_accuracy") > 0.15, "learns something in one short epoch: " + model);
    }

    @Test
    void badOptionsGiveOneClearLine() {
        StringWriter err = new StringWriter();
        CommandLine cl = Conv4j.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("bench", "train", "simple-cnn", "--device", "tpu");
        assertEquals(2, code);
        assertTrue(err.toString().contains("unknown --device 'tpu'"), err.toString());
        for (String[] bad : new String[][] {{"--model", "simple"}, {"--optimizer", "adagrad"}, {"--lr", "-1"}, {"--epochs", "0"}}) {
            StringWriter e = new StringWriter();
            CommandLine c = Conv4j.commandLine();
            c.setErr(new PrintWriter(e));
            long start = System.nanoTime();
            assertEquals(2, c.execute("scratch-cnn", bad[0], bad[1], "--data-dir", "/nonexistent"), String.join(" ", bad));
            assertTrue(e.toString().contains(bad[0]), e.toString());
            assertTrue(!e.toString().contains("cifar") && !e.toString().contains("CIFAR"), "checked before the data: " + e);
            assertTrue(System.nanoTime() - start < 5e9);
        }
    }
}
