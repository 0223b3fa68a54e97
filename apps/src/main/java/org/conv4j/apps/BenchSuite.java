package org.conv4j.apps;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code conv4j bench all}: every workload of the PyTorch anchor ({@code shared/anchors/torch_anchor.py}),
 * each timed by {@code conv4j bench} in a fresh JVM of its own, so that one workload's heap, JIT
 * state and native buffers do not weigh on the next and its peak resident memory is its own. The
 * keys are the anchor's, so {@code bench/sitting.py} can set the two side by side.
 */
final class BenchSuite {
    /** One workload: the anchor's key(s) and the {@code conv4j bench} arguments that time it. */
    record Workload(String trainKey, String inferKey, String model, int size, int batch, int steps, int warmup) {
        String what() {
            return trainKey != null ? "train" : "infer";
        }

        String name() {
            return trainKey != null ? trainKey : inferKey;
        }
    }

    /** The anchor's workloads, in its order; steps and warm-ups as the anchor's (fewer calls for the heavy ones). */
    static final List<Workload> ALL = List.of(
            new Workload("simple_cnn_train_b128", "simple_cnn_infer_b128", "simple-cnn", 32, 128, 10, 5),
            new Workload("bn_cnn_train_b128", null, "bn-dropout-cnn", 32, 128, 5, 3),
            new Workload(null, "mobilenetv2_infer_32_b128", "mobilenetv2", 32, 128, 5, 2),
            new Workload(null, "mobilenetv2_infer_96_b64", "mobilenetv2", 96, 64, 5, 2),
            new Workload(null, "mobilenetv2_infer_160_b32", "mobilenetv2", 160, 32, 3, 2),
            new Workload(null, "mobilenetv2_infer_224_b32", "mobilenetv2", 224, 32, 3, 2),
            new Workload("mobilenetv2_train_160_b32", null, "mobilenetv2", 160, 32, 3, 2),
            new Workload("mobilenetv2_train_32_b128", null, "mobilenetv2", 32, 128, 3, 2),
            new Workload(null, "vgg16_features_infer_32_b128", "vgg16", 32, 128, 3, 1),
            new Workload(null, "vgg16_features_infer_224_b8", "vgg16", 224, 8, 2, 1),
            new Workload(null, "resnet50_infer_32_b128", "resnet50", 32, 128, 3, 1),
            new Workload(null, "resnet50_infer_224_b8", "resnet50", 224, 8, 2, 1),
            new Workload(null, "vgg19_infer_32_b128", "vgg19", 32, 128, 3, 1),
            new Workload(null, "vgg19_infer_224_b8", "vgg19", 224, 8, 2, 1),
            new Workload(null, "efficientnetb0_infer_32_b128", "efficientnetb0", 32, 128, 3, 1),
            new Workload(null, "efficientnetb0_infer_224_b8", "efficientnetb0", 224, 8, 2, 1),
            new Workload(null, "mobilenetv3large_infer_32_b128", "mobilenetv3large", 32, 128, 3, 1),
            new Workload(null, "mobilenetv3large_infer_224_b8", "mobilenetv3large", 224, 8, 2, 1),
            new Workload("resnet50_train_32_b128", null, "resnet50", 32, 128, 3, 2));

    private BenchSuite() {}

    /**
     * Runs the workloads whose name is in {@code only} (all when empty), {@code repeats} repeats
     * each, on {@code device}; prints a line per workload as it ends and then the table; writes
     * {@code {"results": [{key, images_per_second, peak_rss_mib, ...}]}} to {@code json} unless null.
     */
    static int run(Set<String> only, int repeats, String device, Path json) throws IOException, InterruptedException {
        List<Workload> chosen = ALL.stream().filter(w -> only.isEmpty() || only.contains(w.name()) || only.contains(w.model())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--only matches no workload: expected names or models among "
                    + ALL.stream().map(Workload::name).toList());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        Path scratch = Files.createTempDirectory("conv4j-bench");
        try {
            for (int i = 0; i < chosen.size(); i++) {
                Workload w = chosen.get(i);
                System.out.printf(Locale.ROOT, "[%d/%d] %s ...%n", i + 1, chosen.size(), w.name());
                results.addAll(runOne(w, repeats, device, scratch.resolve("w" + i + ".json")));
            }
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(scratch);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-32s %12s %14s %s%n", "workload", "images/s", "peak RSS MiB", "convolutions");
        for (Map<String, Object> r : results) {
            Object rate = r.get("images_per_second");
            System.out.printf(Locale.ROOT, "%-32s %12s %14s %s%n", r.get("key"),
                    rate instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : "failed",
                    r.get("peak_rss_mib") instanceof Double m ? String.format(Locale.ROOT, "%.0f", m) : "-",
                    r.getOrDefault("convolutions", r.getOrDefault("error", "")));
        }
        if (json != null) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("results", results);
            org.conv4j.apps.report.JsonReport.write(json, tree);
        }
        return results.stream().allMatch(r -> r.get("images_per_second") instanceof Double) ? 0 : 1;
    }

    /** Times one workload in a child JVM; one result per key it has (training steps give both rates). */
    private static List<Map<String, Object>> runOne(Workload w, int repeats, String device, Path json)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        // The parent's own JVM options (the launcher's -Xmx, say), so a workload runs as `conv4j bench` would.
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Conv4j.class.getName(), "bench", w.what(), w.model(), "--size", Integer.toString(w.size()),
                "--batch-size", Integer.toString(w.batch()), "--steps", Integer.toString(w.steps()),
                "--warmup", Integer.toString(w.warmup()), "--repeats", Integer.toString(repeats),
                "--device", device, "--json", json.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        List<Map<String, Object>> out = new ArrayList<>();
        if (exit != 0 || !Files.exists(json)) {
            String last = output.strip().lines().reduce((a, b) -> b).orElse("exit status " + exit);
            System.out.println("  failed: " + last);
            for (String key : new String[] {w.trainKey(), w.inferKey()}) {
                if (key != null) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("key", key);
                    r.put("error", last);
                    out.add(r);
                }
            }
            return out;
        }
        JsonObject r = new Gson().fromJson(Files.readString(json), JsonObject.class);
        if (w.trainKey() != null) {
            out.add(result(w.trainKey(), r.get("train_images_per_second").getAsDouble(), w, r));
        }
        if (w.inferKey() != null) {
            out.add(result(w.inferKey(), r.get("infer_images_per_second").getAsDouble(), w, r));
        }
        for (Map<String, Object> one : out) {
            System.out.printf(Locale.ROOT, "  %s: %.1f images/s%n", one.get("key"), (Double) one.get("images_per_second"));
        }
        return out;
    }

    private static Map<String, Object> result(String key, double rate, Workload w, JsonObject r) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("key", key);
        one.put("images_per_second", rate);
        one.put("model", w.model());
        one.put("input_size", w.size());
        one.put("batch_size", w.batch());
        one.put("device", r.get("device").getAsString());
        one.put("threads", r.get("threads").getAsInt());
        if (r.has("peak_rss_mib")) {
            one.put("peak_rss_mib", r.get("peak_rss_mib").getAsDouble());
        }
        if (r.has("convolutions")) {
            one.put("convolutions", r.get("convolutions").getAsString());
        }
        return one;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
