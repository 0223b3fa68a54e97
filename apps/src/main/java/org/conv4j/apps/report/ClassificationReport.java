package org.conv4j.apps.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-class precision, recall, F1 and support of a classifier, with accuracy and the macro and
 * support-weighted averages: the numbers and the text of scikit-learn's {@code
 * classification_report(y_true, y_pred, labels=range(k), target_names=classNames)}.
 *
 * <p>Class {@code c} is the integer label {@code c}. A ratio whose denominator is 0 (precision of a
 * class never predicted, recall of a class with no samples) is 0.0, as scikit-learn's default
 * {@code zero_division="warn"} reports it. F1 is computed from counts, {@code 2tp / (2tp + fp +
 * fn)}, as scikit-learn does, so it is 0.0 when precision and recall are both 0.
 */
public final class ClassificationReport {
    /** Decimals of the text report, scikit-learn's default {@code digits=2}. */
    private static final int DIGITS = 2;
    /** The longest row heading of the text report; the first column is at least this wide. */
    private static final String LONGEST_HEADING = "weighted avg";
    /** Every numeric column of the text report is this wide, as in scikit-learn. */
    private static final int COLUMN = 9;

    /** Precision, recall and F1 of one row of the report. */
    public record Scores(double precision, double recall, double f1) {}

    private final List<String> classNames;
    private final Scores[] perClass;
    private final int[] support;
    private final int total;
    private final double accuracy;
    private final Scores macroAvg;
    private final Scores weightedAvg;

    private ClassificationReport(List<String> classNames, Scores[] perClass, int[] support, double accuracy) {
        this.classNames = List.copyOf(classNames);
        this.perClass = perClass;
        this.support = support;
        this.accuracy = accuracy;
        int sum = 0;
        for (int s : support) {
            sum += s;
        }
        this.total = sum;
        this.macroAvg = average(perClass, null);
        this.weightedAvg = average(perClass, support);
    }

    /**
     * Scores {@code yPred} against {@code yTrue}; both hold labels in {@code [0, classNames.size())}.
     *
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a label
     *     with no class name
     */
    public static ClassificationReport of(int[] yTrue, int[] yPred, List<String> classNames) {
        if (yTrue.length != yPred.length || yTrue.length == 0) {
            throw new IllegalArgumentException(
                    "need as many predictions as labels, at least one: " + yTrue.length + " vs " + yPred.length);
        }
        int k = classNames.size();
        int[] truePositives = new int[k];
        int[] trueCounts = new int[k];
        int[] predictedCounts = new int[k];
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
            int t = checkLabel(yTrue[i], k);
            int p = checkLabel(yPred[i], k);
            trueCounts[t]++;
            predictedCounts[p]++;
            if (t == p) {
                truePositives[t]++;
                correct++;
            }
        }
        Scores[] perClass = new Scores[k];
        for (int c = 0; c < k; c++) {
            int tp = truePositives[c];
            perClass[c] = new Scores(
                    ratio(tp, predictedCounts[c]),
                    ratio(tp, trueCounts[c]),
                    ratio(2.0 * tp, trueCounts[c] + predictedCounts[c]));
        }
        return new ClassificationReport(classNames, perClass, trueCounts, (double) correct / yTrue.length);
    }

    private static int checkLabel(int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " outside [0, " + classes + ")");
        }
        return label;
    }

    private static double ratio(double numerator, int denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }

    /** The plain mean of the rows when {@code weights} is null, else their weighted mean. */
    private static Scores average(Scores[] rows, int[] weights) {
        double p = 0;
        double r = 0;
        double f = 0;
        double weightSum = 0;
        for (int c = 0; c < rows.length; c++) {
            double w = weights == null ? 1.0 : weights[c];
            p += w * rows[c].precision();
            r += w * rows[c].recall();
            f += w * rows[c].f1();
            weightSum += w;
        }
        return new Scores(p / weightSum, r / weightSum, f / weightSum);
    }

    public List<String> classNames() {
        return classNames;
    }

    public Scores scores(int classIndex) {
        return perClass[classIndex];
    }

    /** How many samples of {@code yTrue} belong to the class. */
    public int support(int classIndex) {
        return support[classIndex];
    }

    /** The number of samples scored. */
    public int totalSupport() {
        return total;
    }

    public double accuracy() {
        return accuracy;
    }

    public Scores macroAvg() {
        return macroAvg;
    }

    public Scores weightedAvg() {
        return weightedAvg;
    }

    /**
     * The report as scikit-learn's {@code output_dict=True} shapes it, for metrics.json: one entry per
     * class name and "macro avg", "weighted avg", each {@code {"precision", "recall", "f1-score",
     * "support"}}, and "accuracy" as a bare number; in the order of the text report.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            json.put(classNames.get(c), row(perClass[c], support[c]));
        }
        json.put("accuracy", accuracy);
        json.put("macro avg", row(macroAvg, total));
        json.put("weighted avg", row(weightedAvg, total));
        return json;
    }

    private static Map<String, Object> row(Scores scores, int support) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("precision", scores.precision());
        row.put("recall", scores.recall());
        row.put("f1-score", scores.f1());
        row.put("support", support);
        return row;
    }

    /**
     * The text of scikit-learn's report with {@code digits=2}: a header line, a blank line, one line
     * per class, a blank line, then "accuracy" (F1 column and support only), "macro avg" and
     * "weighted avg". Row headings are right-aligned to the longest of the class names and "weighted
     * avg"; each numeric column is right-aligned to 9 characters after two spaces, the heading to
     * the first column after one. Every line, the last included, ends with a newline.
     */
    public String format() {
        int width = LONGEST_HEADING.length();
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        StringBuilder text = new StringBuilder();
        text.append(pad("", width)).append(' ');
        for (String header : List.of("precision", "recall", "f1-score", "support")) {
            text.append(' ').append(pad(header, COLUMN));
        }
        text.append("\n\n");
        for (int c = 0; c < classNames.size(); c++) {
            appendRow(text, classNames.get(c), width, perClass[c], support[c]);
        }
        text.append('\n');
        text.append(pad("accuracy", width)).append(' ')
                .append(' ').append(pad("", COLUMN))
                .append(' ').append(pad("", COLUMN))
                .append(' ').append(pad(fixed(accuracy), COLUMN))
                .append(' ').append(pad(Integer.toString(total), COLUMN)).append('\n');
        appendRow(text, "macro avg", width, macroAvg, total);
        appendRow(text, "weighted avg", width, weightedAvg, total);
        return text.toString();
    }

    private static void appendRow(StringBuilder text, String heading, int width, Scores scores, int support) {
        text.append(pad(heading, width)).append(' ');
        for (double value : new double[] {scores.precision(), scores.recall(), scores.f1()}) {
            text.append(' ').append(pad(fixed(value), COLUMN));
        }
        text.append(' ').append(pad(Integer.toString(support), COLUMN)).append('\n');
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    /**
     * Formats like Python's {@code format(value, ".2f")}: rounds the exact binary value, ties to
     * even. {@code String.format} would round the shortest decimal half up instead, so 0.125 (exact
     * in binary) would give 0.13 where Python gives 0.12.
     */
    private static String fixed(double value) {
        return new BigDecimal(value).setScale(DIGITS, RoundingMode.HALF_EVEN).toPlainString();
    }
}
