package org.conv4j.apps.practical;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.conv4j.apps.report.ClassificationReport;
import org.conv4j.apps.report.ConfusionMatrix;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Model;
import org.conv4j.layers.data.Dataset;
import org.conv4j.layers.io.ModelIO;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.layers.train.EarlyStopping;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.layers.train.History;
import org.conv4j.zoo.data.Cifar10;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.data.LabeledImages;
import org.conv4j.zoo.data.TrainTestSplit;

/**
 * Trains a practical's models on CIFAR-10, phase after phase, as the course's notebooks do: one-hot
 * labels, categorical cross-entropy and accuracy, the test set as validation data every epoch,
 * EarlyStopping on val_accuracy restoring the best weights, then the test set's accuracy, loss,
 * classification report and confusion matrix. The report is rewritten after every model, so a run
 * stopped halfway keeps what it finished.
 */
public final class PracticalRunner {
    /** What a run is given besides its practical: where the data is, how much of it, batch, seed, files. */
    public record Settings(Path dataDir, Integer limitTrain, Integer limitTest, int batchSize, long seed, Path runDir, List<String> commandLine,
                           boolean saveModels) {}

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

        TrainTestSplit data = Cifar10.load(new DataLocator(s.dataDir()));
        LabeledImages train = s.limitTrain() != null ? data.train().first(Math.min(s.limitTrain(), data.train().count())) : data.train();
        LabeledImages test = s.limitTest() != null ? data.test().first(Math.min(s.limitTest(), data.test().count())) : data.test();
        run.dataSizes(train.count(), test.count());
        out.printf(Locale.ROOT, "CIFAR-10: %d training images, %d test images (the validation data, as in the course)%n",
                train.count(), test.count());

        for (Candidate c : toTrain) {
            CandidateResult result = train(c, train, test, s, backend);
            run.add(result);
            report.writeCandidate(run, result);
            report.write(run);
        }
        run.finish();
        report.write(run);
        report.print(run);
        return run;
    }

    private CandidateResult train(Candidate c, LabeledImages train, LabeledImages test, Settings s, Backend backend)
            throws IOException {
        BuiltModel built = c.factory().build(backend, s.seed());
        Dataset trainData = c.input().batches(train, s.batchSize(), s.seed());
        Dataset testData = c.input().batches(test, s.batchSize(), null);
        Model model = built.model();
        List<PhaseResult> phases = new ArrayList<>();
        for (int i = 0; i < c.phases().size(); i++) {
            Phase phase = c.phases().get(i);
            phase.prepare().accept(built);
            model.compile(phase.optimizer().create(), new CategoricalCrossentropy(), "accuracy");
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
            History history = model.fit(trainData, new FitOptions().epochs(phase.epochs()).validationData(testData)
                    .callbacks(early).seed(s.seed()));
            Map<String, Double> testMetrics = model.evaluate(testData);
            int[] predicted = argmax(model.predict(testData));
            double seconds = (System.nanoTime() - start) / 1e9;
            ClassificationReport report = ClassificationReport.of(test.labels(), predicted, test.classNames());
            ConfusionMatrix confusion = ConfusionMatrix.of(test.labels(), predicted, test.classNames());
            int best = early.bestEpoch(); // the epoch whose weights EarlyStopping restored
            PhaseResult r = new PhaseResult(c, phase, i + 1, model.name(), model.countParams(), model.countTrainableParams(), summary,
                    history, best, history.get("accuracy").get(best), history.get("val_accuracy").get(best),
                    testMetrics.get("accuracy"), testMetrics.get("loss"), mean(history.get("seconds")),
                    train.count() / mean(history.get("train_seconds")), seconds, train.count(), report, confusion);
            phases.add(r);
            out.printf(Locale.ROOT, "%n%s: test accuracy %.4f, test loss %.4f; best epoch %d (train accuracy %.4f, "
                            + "val accuracy %.4f, gap %.4f); %.1f s per epoch, %.0f images/s, %.0f s in all%n%n",
                    r.name(), r.testAccuracy(), r.testLoss(), best + 1, r.trainAccuracy(), r.valAccuracy(), r.overfittingGap(),
                    r.secondsPerEpoch(), r.imagesPerSecond(), seconds);
            out.println(report.format());
            out.println("Confusion matrix (rows: true class, columns: predicted):");
            out.println(confusion.format());
        }
        if (s.saveModels()) {
            ModelIO.save(model, s.runDir().resolve(c.key()).resolve("model.conv4j"));
        }
        return new CandidateResult(c, phases);
    }

    static int[] argmax(Tensor probabilities) {
        int n = probabilities.dim(0), k = probabilities.size() / n;
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            for (int j = 1; j < k; j++) {
                if (probabilities.get(r * k + j) > probabilities.get(r * k + out[r])) {
                    out[r] = j;
                }
            }
        }
        return out;
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
