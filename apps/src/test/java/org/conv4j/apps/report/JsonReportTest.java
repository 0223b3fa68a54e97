package org.conv4j.apps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
    @TempDir
    Path dir;

    @Test
    void roundTrips() throws IOException {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("model", "resnet20 <cifar10>");
        tree.put("accuracy", 0.9125);
        tree.put("epochs", 3);
        tree.put("augment", true);
        tree.put("loss", List.of(1.5, 0.75, 0.5));
        tree.put("classes", Map.of("cat", Map.of("precision", 0.5)));
        Path file = dir.resolve("metrics.json");

        JsonReport.write(file, tree);

        Object back = new Gson().fromJson(Files.readString(file), Object.class);
        Map<String, Object> expected = new LinkedHashMap<>(tree);
        expected.put("epochs", 3.0); // JSON has one number type; Gson reads every number back as a double
        assertEquals(expected, back);
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("loss", Double.NaN);
        tree.put("series", Arrays.asList(1.0, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, null));
        assertEquals("{\n"
                + "  \"loss\": null,\n"
                + "  \"series\": [\n"
                + "    1.0,\n"
                + "    null,\n"
                + "    null,\n"
                + "    null\n"
                + "  ]\n"
                + "}\n", JsonReport.toJson(tree));
    }
}
