package org.conv4j.apps.report;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.conv4j.engine.io.AtomicFiles;

/**
 * {@code index.html} of a runs folder: every subfolder holding a {@code report.html} and a
 * {@code metrics.json}, newest first, with its command, start, duration, device and each model's
 * test accuracy. A folder whose metrics.json cannot be read is listed without numbers.
 */
public final class RunIndex {
    private RunIndex() {}

    public static void write(Path runsDir) throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(runsDir)) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("report.html"))).toList()) {
                runs.add(row(folder));
            }
        }
        runs.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("started"))).reversed());
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("runs", runs);
        AtomicFiles.writeString(runsDir.resolve("index.html"), Html.render("index", scope));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Path folder) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("folder", folder.getFileName().toString());
        try {
            Map<String, Object> m = new Gson().fromJson(Files.readString(folder.resolve("metrics.json")), Map.class);
            r.put("command", m.getOrDefault("command", ""));
            r.put("started", m.getOrDefault("started", ""));
            Object seconds = m.get("seconds");
            r.put("seconds", seconds instanceof Number n ? String.format(Locale.ROOT, "%.0f", n.doubleValue()) : "");
            r.put("device", m.getOrDefault("device", ""));
            List<String> headline = new ArrayList<>();
            for (Map<String, Object> model : (List<Map<String, Object>>) m.getOrDefault("models", List.of())) {
                Object acc = model.get("test_accuracy");
                headline.add(model.get("name") + " " + (acc instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "?"));
            }
            r.put("headline", String.join(" · ", headline));
        } catch (IOException | JsonParseException | ClassCastException e) {
            r.put("started", "");
            r.put("headline", "metrics.json unreadable: " + e.getMessage());
        }
        return r;
    }
}
