package org.conv4j.apps;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.conv4j.apps.report.ClassificationReport;
import org.conv4j.apps.report.HistoryCsv;
import org.conv4j.apps.report.JsonReport;
import org.conv4j.apps.report.TrainingCurves;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.io.ModelIO;
import org.conv4j.layers.train.CategoricalCrossentropy;
import org.conv4j.layers.train.EarlyStopping;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.layers.train.History;
import org.conv4j.zoo.data.Cifar10;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.data.LabeledImages;
import org.conv4j.zoo.data.TrainTestSplit;
import org.conv4j.zoo.models.SimpleCnn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The practical "a CNN from scratch on CIFAR-10", as the course runs it: pixels scaled to [0, 1],
 * one-hot labels, Adam 1e-3, batch 128, 10 epochs, EarlyStopping on val_accuracy (patience 3,
 * best weights restored), the test set as validation data. Prints the summary, the epochs, the test
 * accuracy and loss, the train-validation gap and a classification report, and writes them to a
 * run folder.
 */
@Command(name = "scratch-cnn", description = "Train the course's simple CNN from scratch on CIFAR-10 and report on it.")
public final class ScratchCnnCommand implements Callable<Integer> {
    @Mixin
    DeviceOptions device;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs at most (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--model", defaultValue = "simple-cnn",
            description = "simple-cnn (the course's CNN) or bn-dropout-cnn (default: ${DEFAULT-VALUE})")
    String modelName;

    @Option(names = "--patience", defaultValue = "3", description = "EarlyStopping patience on val_accuracy (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--data-dir", description = "folder holding cifar10/ (else $CONV4J_DATA, then ~/.conv4j)")
    Path dataDir;

    @Option(names = "--limit-train", description = "train on the first N training images only")
    Integer limitTrain;

    @Option(names = "--out", description = "run folder (default: runs/scratch-cnn-<timestamp>)")
    Path out;

    @Mixin
    OptimizerOptions optimizerOptions;

    @Override
    public Integer call() throws Exception {
        // every option is checked before any data is read
        Sequential model = switch (modelName) {
            case "simple-cnn" -> SimpleCnn.simple(32, 32, 3, 10);
            case "bn-dropout-cnn" -> SimpleCnn.batchNormDropout(32, 32, 3, 10);
            default -> throw new IllegalArgumentException("unknown --model '" + modelName + "': expected simple-cnn or bn-dropout-cnn");
        };
        if (epochs < 1 || batchSize < 1 || patience < 0 || (limitTrain != null && limitTrain < 1)) {
            throw new IllegalArgumentException("--epochs and --batch-size must be >= 1, --patience >= 0 and --limit-train >= 1");
        }
        org.conv4j.layers.optimizers.Optimizer optimizer = optimizerOptions.optimizer();
        Backend backend = device.backend();
        Path runDir = out != null ? out
                : Path.of("runs", "scratch-cnn-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.out.println("conv4j scratch-cnn: device " + backend.name() + " (" + backend.threads() + " threads), seed "
                + device.seed() + ", run folder " + runDir);

        TrainTestSplit data = Cifar10.load(new DataLocator(dataDir));
        LabeledImages train = limitTrain != null ? data.train().first(Math.min(limitTrain, data.train().count())) : data.train();
        LabeledImages test = data.test();
        System.out.printf(Locale.ROOT, "CIFAR-10: %d training images, %d test images%n", train.count(), test.count());
        Tensor xTrain = images(train), yTrain = Tensor.of(train.oneHot(), train.count(), train.numClasses());
        Tensor xTest = images(test), yTest = Tensor.of(test.oneHot(), test.count(), test.numClasses());

        model.build(backend, device.seed());
        System.out.println(model.summary());
        model.compile(optimizer, new CategoricalCrossentropy(), "accuracy");

        EarlyStopping early = EarlyStopping.builder().monitor("val_accuracy").patience(patience).restoreBestWeights(true)
                .verbose(true).build();
        History history = model.fit(xTrain, yTrain, new FitOptions().epochs(epochs).batchSize(batchSize)
                .validationData(xTest, yTest).callbacks(early).seed(device.seed()));

        Map<String, Double> testMetrics = model.evaluate(xTest, yTest, batchSize);
        int best = bestEpoch(history);
        double trainAcc = history.get("accuracy").get(best), valAcc = history.get("val_accuracy").get(best);
        double gap = trainAcc - valAcc;
        System.out.printf(Locale.ROOT, "%nTest accuracy: %.4f%nTest loss: %.4f%n", testMetrics.get("accuracy"), testMetrics.get("loss"));
        System.out.printf(Locale.ROOT, "Best epoch: %d (train accuracy %.4f, val accuracy %.4f); train-validation gap: %.4f%n",
                best + 1, trainAcc, valAcc, gap);

        int[] predicted = argmax(model.predict(xTest, batchSize));
        ClassificationReport report = ClassificationReport.of(test.labels(), predicted, test.classNames());
        System.out.println();
        System.out.println(report.format());

        double secondsPerEpoch = mean(history.get("seconds"));
        double imagesPerSecond = train.count() / mean(history.get("train_seconds"));
        Map<String, Object> modelMetrics = new LinkedHashMap<>();
        modelMetrics.put("name", model.name());
        modelMetrics.put("params_total", model.countParams());
        modelMetrics.put("params_trainable", model.countTrainableParams());
        modelMetrics.put("epochs_run", history.epochs());
        modelMetrics.put("best_epoch", best + 1);
        modelMetrics.put("train_accuracy", trainAcc);
        modelMetrics.put("val_accuracy", valAcc);
        modelMetrics.put("test_accuracy", testMetrics.get("accuracy"));
        modelMetrics.put("test_loss", testMetrics.get("loss"));
        modelMetrics.put("overfitting_gap", gap);
        modelMetrics.put("seconds_per_epoch", secondsPerEpoch);
        modelMetrics.put("train_images_per_second", imagesPerSecond);
        modelMetrics.put("classification_report", report.toJson());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("command", "scratch-cnn");
        metrics.put("device", backend.name());
        metrics.put("threads", backend.threads());
        metrics.put("seed", device.seed());
        metrics.put("epochs", epochs);
        metrics.put("batch_size", batchSize);
        metrics.put("train_images", train.count());
        metrics.put("models", List.of(modelMetrics));

        HistoryCsv.write(runDir.resolve("history.csv"), history.series());
        TrainingCurves.write(runDir.resolve("curves.png"), history.series());
        org.conv4j.engine.io.AtomicFiles.writeString(runDir.resolve("classification_report.txt"), report.format());
        JsonReport.write(runDir.resolve("metrics.json"), metrics);
        ModelIO.save(model, runDir.resolve("model.conv4j"));
        System.out.printf(Locale.ROOT, "%nTraining: %.1f s per epoch, %.0f images/s. Wrote history.csv, curves.png, "
                + "classification_report.txt, metrics.json and model.conv4j to %s%n", secondsPerEpoch, imagesPerSecond, runDir);
        return 0;
    }

    /** Pixels scaled to [0, 1], NCHW. */
    static Tensor images(LabeledImages set) {
        return Tensor.of(set.toFloats(1f / 255f), set.count(), set.channels(), set.height(), set.width());
    }

    /** The epoch whose weights the model ends with: the best val_accuracy (first of ties), as EarlyStopping restores. */
    static int bestEpoch(History history) {
        List<Double> val = history.get("val_accuracy");
        int best = 0;
        for (int i = 1; i < val.size(); i++) {
            if (val.get(i) > val.get(best)) {
                best = i;
            }
        }
        return best;
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
