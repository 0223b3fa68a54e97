package org.conv4j.apps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.conv4j.apps.report.JsonReport;
import org.conv4j.engine.Backend;
import org.conv4j.engine.OpProfile;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Dense;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Parameter;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.train.SparseCategoricalCrossentropy;
import org.conv4j.layers.train.Trainer;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.models.SimpleCnn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j bench train MODEL}: times whole training steps (forward, backward, Adam update) and
 * inference batches on random data after a warm-up, the way the PyTorch anchor does, and prints the
 * median images per second over several repeats. {@code conv4j bench infer MODEL} times inference
 * only. A zoo model is its base (no top, global average pooling; weights from the seed), with a
 * Dense(10) softmax head when trained: what torch_anchor.py times for torchvision's versions.
 */
@Command(name = "bench", description = "Time training and inference of a model on random data.")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "what to time: train (training steps and inference), infer (inference only), "
            + "or all (every workload of the PyTorch anchor, each in a JVM of its own, and a table)")
    String what;

    @Parameters(index = "1", arity = "0..1", description = "the model: simple-cnn, bn-dropout-cnn, or a zoo model (mobilenet, mobilenetv2, "
            + "mobilenetv3small, mobilenetv3large, vgg16, vgg19, resnet50, resnet101, resnet152, efficientnetb0, efficientnetb3): "
            + "its base with average pooling, and a Dense(10) head to train")
    String modelName;

    @Option(names = "--alpha", defaultValue = "1.0", description = "width multiplier of mobilenet and mobilenetv2 (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--size", defaultValue = "32", description = "input height and width (default: ${DEFAULT-VALUE})")
    int size;

    @Mixin
    DeviceOptions device;

    @Option(names = "--batch-size", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--steps", defaultValue = "10", description = "timed steps per repeat (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--repeats", defaultValue = "5", description = "repeats; the median is reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--warmup", defaultValue = "5", description = "untimed steps first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--json", description = "also write the results to this JSON file")
    Path json;

    @Option(names = "--only", split = ",", description = "with all: only these workloads (anchor keys such as "
            + "mobilenetv2_infer_160_b32, or model names)")
    java.util.Set<String> only = new java.util.LinkedHashSet<>();

    @Option(names = "--profile", description = "then time every op of --steps more steps and print where the time goes")
    boolean profile;

    @Override
    public Integer call() throws Exception {
        if (what.equals("all")) {
            if (modelName != null) {
                throw new IllegalArgumentException("bench all takes no model (it runs them all; --only chooses)");
            }
            return BenchSuite.run(only, repeats, device.deviceName(), json);
        }
        boolean training = what.equals("train");
        if (!training && !what.equals("infer")) {
            throw new IllegalArgumentException("unknown bench '" + what + "': expected train, infer or all");
        }
        if (modelName == null) {
            throw new IllegalArgumentException("bench " + what + " needs a model: simple-cnn, bn-dropout-cnn or one of "
                    + Architecture.names());
        }
        Model model = SimpleCnn.isName(modelName) ? SimpleCnn.byName(modelName, size, size, 3, 10, null)
                : zooModel(zoo(modelName), size, training);
        Backend computing = device.backend();
        OpProfile ops = OpProfile.of(computing);
        Backend backend = profile ? ops.wrap() : computing;
        model.build(backend, device.seed()).compile(new Adam(1e-3), new SparseCategoricalCrossentropy());
        Random rng = new Random(device.seed());
        float[] pixels = new float[batchSize * 3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextGaussian();
        }
        Tensor x = backend.fromFloats(pixels, batchSize, 3, size, size);
        float[] labels = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = rng.nextInt(10);
        }
        int[] rows = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            rows[i] = i;
        }
        double train = Double.NaN;
        Runnable trainStep = null;
        if (training) {
            Tensor target = model.loss().targets(backend, Tensor.of(labels, batchSize), rows, 10);
            Trainer trainer = model.trainer();
            List<Parameter> trained = model.weightsTrainedNow();
            trainStep = () -> trainer.trainStep(x, target, trained);
            train = median(time(backend, trainStep));
        }
        Runnable inferStep = () -> model.forwardInference(x);
        double infer = median(time(backend, inferStep));
        System.out.printf(Locale.ROOT, "%s at %dx%d, batch %d, device %s (%d threads%s):%n", modelName, size, size, batchSize, backend.name(),
                backend.threads(), computing instanceof CpuBackend cpu ? ", convolutions: " + cpu.convolutionInfo() : "");
        if (training) {
            System.out.printf(Locale.ROOT, "  training:  %.1f images/s (median of %d x %d steps)%n", train, repeats, steps);
        }
        System.out.printf(Locale.ROOT, "  inference: %.1f images/s%s%n", infer, training ? "" : " (median of " + repeats + " x " + steps + " batches)");
        Double peakMib = peakResidentMib();
        if (peakMib != null) {
            System.out.printf(Locale.ROOT, "  peak resident memory: %.0f MiB%n", peakMib);
        }
        if (profile) {
            printProfile(ops, training ? "training step" : "inference batch", training ? trainStep : inferStep);
        }
        if (json != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", modelName);
            r.put("input_size", size);
            r.put("device", backend.name());
            r.put("batch_size", batchSize);
            r.put("threads", backend.threads());
            if (computing instanceof CpuBackend cpu) {
                r.put("convolutions", cpu.convolutionInfo());
            }
            if (training) {
                r.put("train_images_per_second", train);
            }
            r.put("infer_images_per_second", infer);
            if (peakMib != null) {
                r.put("peak_rss_mib", peakMib);
            }
            if (profile) {
                List<Map<String, Object>> entries = new ArrayList<>();
                for (OpProfile.Entry e : ops.entries()) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("op", e.op());
                    one.put("shapes", e.shapes());
                    one.put("calls_per_step", e.calls() / (double) steps);
                    one.put("ms_per_step", e.nanos() / 1e6 / steps);
                    entries.add(one);
                }
                r.put("profile", entries);
            }
            JsonReport.write(json, r);
        }
        return 0;
    }

    /** Runs {@code step} --steps times with every op timed; prints the time per op and the costliest op shapes. */
    private void printProfile(OpProfile ops, String what, Runnable step) {
        ops.start();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        double total = (System.nanoTime() - start) / 1e6 / steps;
        ops.stop();
        System.out.printf(Locale.ROOT, "  profile of one %s (%d timed, each op followed by a synchronize): %.1f ms%n", what, steps, total);
        System.out.printf(Locale.ROOT, "    %-28s %9s %7s %6s%n", "op", "ms/step", "share", "calls");
        double inOps = 0;
        for (OpProfile.Entry e : ops.byOp()) {
            double ms = e.nanos() / 1e6 / steps;
            inOps += ms;
            System.out.printf(Locale.ROOT, "    %-28s %9.2f %6.1f%% %6d%n", e.op(), ms, 100 * ms / total, e.calls() / steps);
        }
        System.out.printf(Locale.ROOT, "    %-28s %9.2f %6.1f%%%n", "(outside the backend's ops)", total - inOps, 100 * (total - inOps) / total);
        System.out.println("  costliest op shapes:");
        ops.entries().stream().limit(12).forEach(e -> System.out.printf(Locale.ROOT, "    %8.2f ms/step  %-22s %s%n",
                e.nanos() / 1e6 / steps, e.op(), e.shapes()));
    }

    /** This process's peak resident set (VmHWM of /proc/self/status) in MiB, or null where there is no such file. */
    private static Double peakResidentMib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Architecture zoo(String name) {
        try {
            return Architecture.of(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown model '" + name + "': expected simple-cnn, bn-dropout-cnn or one of " + Architecture.names());
        }
    }

    /** The PyTorch anchor's models: the base (no top) with global average pooling, and to train a Dense(10) head on it. */
    private Model zooModel(Architecture architecture, int size, boolean withHead) {
        architecture.checkInput(size, size, 3, false, false);
        Model base = architecture.build(alpha, size, size, false, "avg", 1000, false);
        if (!withHead) {
            return base;
        }
        SymbolicTensor in = InputLayer.input(size, size, 3);
        SymbolicTensor out = new Dense(10, "softmax").apply(base.apply(in));
        return new Model(in, out, architecture.cliName() + "_head");
    }

    /** Images per second of each repeat, after the warm-up; each repeat ends when the backend has finished its work. */
    private List<Double> time(Backend backend, Runnable step) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        backend.synchronize();
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            backend.synchronize();
            rates.add((double) steps * batchSize / ((System.nanoTime() - start) / 1e9));
        }
        return rates;
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
