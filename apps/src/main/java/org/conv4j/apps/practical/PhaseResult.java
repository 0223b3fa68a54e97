package org.conv4j.apps.practical;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.apps.report.ClassificationReport;
import org.conv4j.apps.report.ConfusionMatrix;
import org.conv4j.apps.report.RocCurve;
import org.conv4j.layers.train.History;

/**
 * What one phase of one model gave: its history, the accuracies at the epoch whose weights it kept
 * (the best val_accuracy, as EarlyStopping restores), the test set's accuracy and loss, sizes and
 * times, and the test set's classification report and confusion matrix. For two classes, {@code roc}
 * is the validation set's ROC curve (else null); with test-time augmentation, {@code ttaAccuracy}
 * is the test accuracy of the averaged predictions (else null). {@code input} says what the model
 * was fed.
 */
public record PhaseResult(Candidate candidate, Phase phase, int phaseNumber, String modelName, long paramsTotal,
                          long paramsTrainable, String summary, History history, int bestEpoch, double trainAccuracy,
                          double valAccuracy, double testAccuracy, double testLoss, double secondsPerEpoch,
                          double imagesPerSecond, double seconds, int trainImages, ClassificationReport report,
                          ConfusionMatrix confusion, RocCurve roc, Double ttaAccuracy, String input) {
    public String name() {
        return phase.name();
    }

    /** Train accuracy minus validation accuracy at the kept epoch: how much the model overfits. */
    public double overfittingGap() {
        return trainAccuracy - valAccuracy;
    }

    /** The share of the parameters that did not train, in percent. */
    public double frozenPercent() {
        return 100.0 * (paramsTotal - paramsTrainable) / paramsTotal;
    }

    /** Test accuracy per million parameters (TA9's efficiency). */
    public double efficiency() {
        return testAccuracy / (paramsTotal / 1e6);
    }

    /** The value of a rankable metric by its metrics.json key. */
    public double metric(String key) {
        return switch (key) {
            case "test_accuracy" -> testAccuracy;
            case "val_accuracy" -> valAccuracy;
            case "val_auc" -> roc != null ? roc.auc() : Double.NaN;
            case "overfitting_gap" -> overfittingGap();
            default -> throw new IllegalArgumentException("no metric '" + key + "' to rank by");
        };
    }

    /** The metrics.json entry: scratch-cnn's keys, then phase, base and what else the report shows. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("params_total", paramsTotal);
        m.put("params_trainable", paramsTrainable);
        m.put("epochs_run", history.epochs());
        m.put("best_epoch", bestEpoch + 1);
        m.put("train_accuracy", trainAccuracy);
        m.put("val_accuracy", valAccuracy);
        m.put("test_accuracy", testAccuracy);
        m.put("test_loss", testLoss);
        m.put("overfitting_gap", overfittingGap());
        m.put("seconds_per_epoch", secondsPerEpoch);
        m.put("train_images_per_second", imagesPerSecond);
        m.put("classification_report", report.toJson());
        m.put("phase", phaseNumber);
        m.put("base", candidate.base());
        m.put("phase_label", phase.label());
        m.put("model", modelName);
        m.put("params_non_trainable", paramsTotal - paramsTrainable);
        m.put("params_frozen_percent", frozenPercent());
        m.put("efficiency", efficiency());
        m.put("optimizer", phase.optimizer().describe());
        m.put("input", input);
        if (roc != null) {
            m.put("val_auc", roc.auc());
            m.put("roc", roc.toJson());
        }
        if (ttaAccuracy != null) {
            m.put("tta_accuracy", ttaAccuracy);
        }
        m.put("seconds", seconds);
        m.put("minutes", seconds / 60);
        m.put("history", history.series());
        m.put("confusion_matrix", List.of(confusion.counts()));
        return m;
    }
}
