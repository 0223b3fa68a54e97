package org.conv4j.apps;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.conv4j.apps.practical.PracticalRunner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every CIFAR-10 practical shares: where the data is, how much of it, the batch, where the run goes. */
public final class PracticalOptions {
    @Option(names = "--data-dir", description = "folder holding cifar10/ and keras/ (else $CONV4J_DATA, then ~/.conv4j; "
            + "Keras weights also in ~/.keras/models)")
    Path dataDir;

    @Option(names = "--limit-train", description = "train on the first N training images only (default: all 50,000)")
    Integer limitTrain;

    @Option(names = "--limit-test", description = "test (and validate) on the first N test images only (default: all 10,000)")
    Integer limitTest;

    @Option(names = "--batch-size", description = "batch size (default: 128 for CIFAR-10 and MNIST, 32 for image folders)")
    Integer batchSize;

    @Option(names = "--patience", defaultValue = "3", description = "EarlyStopping patience on val_accuracy, best weights restored (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--out", description = "run folder (default: runs/<command>-<timestamp>)")
    Path out;

    @Option(names = "--no-save-models", negatable = false, description = "do not write each trained model's model.conv4j")
    boolean noSaveModels;

    /** Checks the values; called before any data is read. */
    void check() {
        if ((batchSize != null && batchSize < 1) || patience < 0 || (limitTrain != null && limitTrain < 1) || (limitTest != null && limitTest < 1)) {
            throw new IllegalArgumentException("--batch-size must be >= 1, --patience >= 0, --limit-train and --limit-test >= 1");
        }
    }

    PracticalRunner.Settings settings(CommandSpec spec, long seed, int defaultBatchSize) {
        check();
        String command = spec.name();
        Path runDir = out != null ? out
                : Path.of("runs", command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> line = new ArrayList<>(List.of("conv4j"));
        line.addAll(spec.root().commandLine().getParseResult().originalArgs()); // the command's name, then its options
        return new PracticalRunner.Settings(dataDir, limitTrain, limitTest, batchSize != null ? batchSize : defaultBatchSize, seed, runDir, line, !noSaveModels);
    }

    static int positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
        return value;
    }
}
