package org.conv4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conv4j bench}: its op profile, and {@code bench all} running a workload in a JVM of its own. */
class BenchCommandTest {
    @Test
    void profileNamesTheOpsOfAStepAndAddsUpToItsTime(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Object[] run = PracticalCommandsTest.execute("bench", "train", "simple-cnn", "--device", "cpu", "--batch-size", "16",
                "--steps", "2", "--repeats", "1", "--warmup", "1", "--profile", "--json", json.toString());
        String text = (String) run[1];
        assertEquals(0, run[0], text);
        assertTrue(text.contains("profile of one training step"), text);
        JsonObject r = new Gson().fromJson(Files.readString(json), JsonObject.class);
        JsonArray profile = r.getAsJsonArray("profile");
        double convForward = 0;
        double total = 0;
        for (var e : profile) {
            JsonObject o = e.getAsJsonObject();
            total += o.get("ms_per_step").getAsDouble();
            if (o.get("op").getAsString().equals("conv2dForward")) {
                convForward += o.get("calls_per_step").getAsDouble();
                assertTrue(o.get("shapes").getAsString().startsWith("16x"), o.toString());
            }
        }
        assertEquals(2.0, convForward, "the simple CNN's two convolutions, once a step");
        assertTrue(total > 0);
    }

    @Test
    void allRunsEachWorkloadInItsOwnJvmAndRecordsItsPeakMemory(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("all.json");
        Object[] run = PracticalCommandsTest.execute("bench", "all", "--only", "simple-cnn", "--repeats", "1", "--device", "cpu",
                "--json", json.toString());
        String text = (String) run[1];
        assertEquals(0, run[0], text);
        JsonArray results = new Gson().fromJson(Files.readString(json), JsonObject.class).getAsJsonArray("results");
        assertEquals(2, results.size(), results.toString());
        assertEquals("simple_cnn_train_b128", results.get(0).getAsJsonObject().get("key").getAsString());
        assertEquals("simple_cnn_infer_b128", results.get(1).getAsJsonObject().get("key").getAsString());
        for (var e : results) {
            JsonObject o = e.getAsJsonObject();
            assertTrue(o.get("images_per_second").getAsDouble() > 0, o.toString());
            assertTrue(o.get("peak_rss_mib").getAsDouble() > 50, "a JVM's resident memory: " + o);
        }
        assertTrue(text.contains("simple_cnn_infer_b128"), text);
    }

    @Test
    void allRefusesAModelAndAnUnknownWorkload() {
        Object[] withModel = PracticalCommandsTest.execute("bench", "all", "simple-cnn");
        assertTrue((Integer) withModel[0] != 0 && ((String) withModel[1]).contains("bench all takes no model"), (String) withModel[1]);
        Object[] unknown = PracticalCommandsTest.execute("bench", "all", "--only", "lenet");
        assertTrue((Integer) unknown[0] != 0 && ((String) unknown[1]).contains("--only matches no workload"), (String) unknown[1]);
    }
}
