package org.conv4j.apps.practical;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.conv4j.apps.report.ClassificationReport;
import org.conv4j.apps.report.ConfusionMatrix;
import org.conv4j.apps.report.RocCurve;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.ImageTransformLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.RandomColorLayer;
import org.conv4j.layers.data.Batch;
import org.conv4j.layers.data.Dataset;
import org.conv4j.layers.io.ModelIO;
import org.conv4j.layers.optimizers.Optimizer;
import org.conv4j.layers.train.BinaryCrossentropy;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.layers.train.EarlyStopping;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.layers.train.History;
import org.conv4j.layers.train.ProgressBar;
import org.conv4j.zoo.images.AugmentationPreview;

/**
 * Trains a practical's models, phase after phase, as the course's notebooks do: one-hot labels,
 * categorical cross-entropy and accuracy (a sigmoid output: 0/1 labels, binary cross-entropy,
 * accuracy and AUC), the validation data every epoch, EarlyStopping on val_accuracy restoring the
 * best weights, then the test set's accuracy, loss, classification report and confusion matrix
 * (and for two classes the validation set's ROC curve). The report is rewritten after every
 * model, so a run stopped halfway keeps what it finished.
 */
public final class PracticalRunner {
    /** What a run is given besides its practical: where the data is, how much of it, batch, seed, files. */
    public record Settings(Path dataDir, Integer limitTrain, Integer limitTest, int batchSize, long seed, Path runDir, List<String> commandLine,
                           boolean saveModels) {}

    /** Tiles of a model's augmentation preview. */
    private static final int PREVIEW_TILES = 9;

    private final PrintStream out;

    public PracticalRunner(PrintStream out) {
        this.out = out;
    }

    public PracticalRun run(Practical practical, Settings s, Backend backend) throws IOException {
        PracticalRun run = new PracticalRun(practical, s.commandLine(), s.runDir(), backend.name(), backend.threads(), s.seed(),
                s.batchSize());
        PracticalReport report = new PracticalReport(out);
        out.println("conv4j " + practical.command() + ": device " + backend.name() + " (" + backend.threads() + " threads), seed "
                + s.seed() + ", run folder " + s.runDir());
        List<Candidate> toTrain = new ArrayList<>();
        for (Candidate c : practical.candidates()) {
            try {
                c.weights().ensureAvailable();
                toTrain.add(c);
            } catch (IOException e) {
                if (!practical.skipMissingWeights()) {
                    throw e;
                }
                String reason = e.getMessage().lines().findFirst().orElse(e.toString());
                out.println("Skipping " + c.key() + ": " + reason);
                run.skip(new PracticalRun.Skipped(c, reason));
            }
        }

        PracticalData data = practical.data().load(s);
        run.data(data);
        out.println(data.describe());

        Set<String> startingPoints = new HashSet<>();
        toTrain.forEach(c -> {
            if (c.startFrom() != null) {
                startingPoints.add(c.startFrom());
            }
        });
        Map<String, List<float[]>> kept = new HashMap<>(); // the final weights of phases a later model starts from
        Model bestModel = null;
        PhaseResult best = null;
        for (Candidate c : toTrain) {
            if (c.startFrom() != null && !kept.containsKey(c.startFrom())) {
                throw new IllegalStateException("model " + c.key() + " starts from phase " + c.startFrom() + ", which no earlier model trained");
            }
            BuiltModel built = c.factory().build(backend, s.seed());
            if (c.startFrom() != null) {
                built.model().setWeights(kept.get(c.startFrom()));
            }
            CandidateResult result = train(practical, c, built, data, s, backend, startingPoints, kept);
            run.add(result);
            report.writeCandidate(run, result);
            report.write(run);
            PhaseResult last = result.phases().get(result.phases().size() - 1);
            if (practical.figures() != Practical.Figures.NONE && (best == null || last.testAccuracy() > best.testAccuracy())) {
                best = last;
                bestModel = built.model();
            }
        }
        if (best != null) {
            run.addFigures(practical.figures().draw(best, bestModel, data, s.runDir()));
        }
        run.finish();
        report.write(run);
        report.print(run);
        return run;
    }

    private CandidateResult train(Practical practical, Candidate c, BuiltModel built, PracticalData data, Settings s, Backend backend,
                                  Set<String> startingPoints, Map<String, List<float[]>> kept) throws IOException {
        int classes = data.classes();
        boolean binary = c.input().binaryLabels();
        Dataset trainData = c.input().batches(data.train(), classes, s.batchSize(), s.seed());
        Dataset valData = c.input().batches(data.validation(), classes, s.batchSize(), null);
        Dataset testData = data.validatesOnTest() ? valData : c.input().batches(data.test(), classes, s.batchSize(), null);
        int[] testLabels = data.test().labels();
        String input = c.input().describe(data.train().height());
        Model model = built.model();
        List<Layer> augmentation = augmentationLayers(model);
        List<Figure> figures = new ArrayList<>();
        if (!augmentation.isEmpty()) {
            int side = data.train().height() == c.input().size() && data.train().channels() == 3 ? c.input().size() : -1;
            if (side > 0) {
                String file = c.key() + "/augmentation.png";
                AugmentationPreview.write(s.runDir().resolve(file), augmentation, data.train().image(0), side, side, PREVIEW_TILES, 3);
                figures.add(new Figure("Augmentation preview", file, "the first training image, then " + (PREVIEW_TILES - 1)
                        + " draws of the model's augmentation layers (" + String.join(", ", augmentation.stream().map(Layer::name).toList())
                        + ")"));
            }
        }
        List<PhaseResult> phases = new ArrayList<>();
        for (int i = 0; i < c.phases().size(); i++) {
            Phase phase = c.phases().get(i);
            phase.prepare().accept(built);
            Optimizer optimizer = phase.optimizer().create();
            phase.learningRates().accept(built, optimizer);
            if (binary) {
                model.compile(optimizer, new BinaryCrossentropy(), "accuracy", "auc");
            } else {
                model.compile(optimizer, new CategoricalCrossentropy(), "accuracy");
            }
            out.printf(Locale.ROOT, "%n== %s: %s (phase %d of %d): %s; %s; up to %d epochs ==%n", c.key(), phase.label(), i + 1,
                    c.phases().size(), phase.description(), phase.optimizer().describe(), phase.epochs());
            String summary = model.summary();
            if (i == 0) {
                out.println(summary);
            } else {
                out.printf(Locale.ROOT, "Trainable params: %,d of %,d%n", model.countTrainableParams(), model.countParams());
            }
            long start = System.nanoTime();
            EarlyStopping early = EarlyStopping.builder().monitor("val_accuracy").patience(phase.patience())
                    .restoreBestWeights(true).verbose(true).build();
            History history = model.fit(trainData, new FitOptions().epochs(phase.epochs()).validationData(valData)
                    .callbacks(early).seed(s.seed()));
            Map<String, Double> testMetrics = model.evaluate(testData);
            Tensor testProbabilities = model.predict(testData);
            int[] predicted = classes(testProbabilities, binary);
            RocCurve roc = null;
            boolean[] positives = positives(data.validation().labels());
            if (classes == 2 && hasBoth(positives)) { // a ROC curve needs positives and negatives
                Tensor valProbabilities = data.validatesOnTest() ? testProbabilities : model.predict(valData);
                roc = RocCurve.of(positiveScores(valProbabilities), positives);
            }
            Double tta = practical.tta() > 0 && !augmentation.isEmpty()
                    ? accuracy(testLabels, classes(testTimeAugmentation(model, augmentation, testData, practical.tta(), s.seed(), out), binary))
                    : null;
            double seconds = (System.nanoTime() - start) / 1e9;
            ClassificationReport report = ClassificationReport.of(testLabels, predicted, data.classNames());
            ConfusionMatrix confusion = ConfusionMatrix.of(testLabels, predicted, data.classNames());
            int best = early.bestEpoch(); // the epoch whose weights EarlyStopping restored
            PhaseResult r = new PhaseResult(c, phase, i + 1, model.name(), model.countParams(), model.countTrainableParams(), summary,
                    history, best, history.get("accuracy").get(best), history.get("val_accuracy").get(best),
                    testMetrics.get("accuracy"), testMetrics.get("loss"), mean(history.get("seconds")),
                    data.train().count() / mean(history.get("train_seconds")), seconds, data.train().count(), report, confusion, roc, tta,
                    input);
            phases.add(r);
            if (startingPoints.contains(phase.name())) {
                kept.put(phase.name(), model.getWeights());
            }
            String held = data.validatesOnTest() ? data.heldOut() : "test";
            out.printf(Locale.ROOT, "%n%s: %s accuracy %.4f, %s loss %.4f; best epoch %d (train accuracy %.4f, "
                            + "val accuracy %.4f, gap %.4f)%s%s; %.1f s per epoch, %.0f images/s, %.0f s in all%n%n",
                    r.name(), held, r.testAccuracy(), held, r.testLoss(), best + 1, r.trainAccuracy(), r.valAccuracy(), r.overfittingGap(),
                    roc != null ? String.format(Locale.ROOT, ", val AUC %.4f", roc.auc()) : "",
                    tta != null ? String.format(Locale.ROOT, ", %s accuracy with %d-copy test-time augmentation %.4f", held,
                            practical.tta(), tta) : "",
                    r.secondsPerEpoch(), r.imagesPerSecond(), seconds);
            out.println(report.format());
            out.println("Confusion matrix (rows: true class, columns: predicted):");
            out.println(confusion.format());
        }
        if (s.saveModels()) {
            ModelIO.save(model, s.runDir().resolve(c.key()).resolve("model.conv4j"));
        }
        return new CandidateResult(c, phases, figures);
    }

    /** The random augmentation layers the model starts with (RandomFlip, RandomRotation, RandomZoom, RandomContrast, ...), in order. */
    static List<Layer> augmentationLayers(Model model) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof ImageTransformLayer || l instanceof RandomColorLayer) {
                layers.add(l);
            } else if (!layers.isEmpty() || model.indexOf(l) > 0) {
                break;
            }
        }
        return layers;
    }

    /**
     * Test-time augmentation: the mean of the model's predictions over {@code copies} augmented
     * versions of every image (its augmentation layers run in training mode, one seeded draw per
     * copy and batch, the rest of the model in inference mode), in the dataset's order.
     */
    static Tensor testTimeAugmentation(Model model, List<Layer> augmentation, Dataset data, int copies, long seed, PrintStream out) {
        Backend backend = model.backend();
        int last = model.indexOf(augmentation.get(augmentation.size() - 1));
        List<float[]> rows = new ArrayList<>();
        int width = 0;
        ProgressBar progress = new ProgressBar(out, ProgressBar.isInteractive(), 1);
        progress.begin("Test-time augmentation, " + copies + " copies of each image", data.batchesPerEpoch());
        int step = 0;
        try (Dataset.Pass pass = data.pass(0)) {
            while (pass.hasNext()) {
                Batch b = pass.next();
                float[] sum = null;
                for (int copy = 0; copy < copies; copy++) {
                    float[] p;
                    try (Tensor batch = backend.fromFloats(b.x().floats(), b.x().shape())) {
                        Tensor x = batch;
                        for (Layer layer : augmentation) {
                            layer.setTrainingStep(seed * 1_000_003L + (long) step * copies + copy);
                            x = layer.forward(x, true);
                        }
                        p = model.forwardInferenceFrom(last, x).toFloatArray();
                    }
                    if (sum == null) {
                        sum = new float[p.length];
                    }
                    for (int k = 0; k < p.length; k++) {
                        sum[k] += p[k] / copies;
                    }
                }
                width = sum.length / b.size();
                rows.add(sum);
                progress.step(++step, Map.of());
            }
        }
        progress.epochEnd(Map.of(), 0, step);
        int n = rows.stream().mapToInt(r -> r.length).sum();
        float[] all = new float[n];
        int at = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, all, at, r.length);
            at += r.length;
        }
        return Tensor.of(all, n / width, width);
    }

    /** The predicted class of each row: the largest probability, or for one sigmoid output p > 0.5. */
    static int[] classes(Tensor probabilities, boolean sigmoid) {
        int n = probabilities.dim(0), k = probabilities.size() / n;
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            if (sigmoid) {
                out[r] = probabilities.get(r) > 0.5 ? 1 : 0;
                continue;
            }
            for (int j = 1; j < k; j++) {
                if (probabilities.get(r * k + j) > probabilities.get(r * k + out[r])) {
                    out[r] = j;
                }
            }
        }
        return out;
    }

    /** The score of class 1 of each row: the sigmoid output, or the second softmax column. */
    static float[] positiveScores(Tensor probabilities) {
        int n = probabilities.dim(0), k = probabilities.size() / n;
        float[] s = new float[n];
        for (int r = 0; r < n; r++) {
            s[r] = (float) probabilities.get(r * k + k - 1);
        }
        return s;
    }

    static boolean hasBoth(boolean[] flags) {
        boolean any = false, all = true;
        for (boolean f : flags) {
            any |= f;
            all &= f;
        }
        return any && !all;
    }

    static boolean[] positives(int[] labels) {
        boolean[] p = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            p[i] = labels[i] == 1;
        }
        return p;
    }

    static double accuracy(int[] labels, int[] predicted) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += labels[i] == predicted[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
