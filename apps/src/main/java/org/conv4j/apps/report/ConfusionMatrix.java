package org.conv4j.apps.report;

import java.util.List;

/**
 * Counts of (true class, predicted class): row {@code t}, column {@code p} is how many samples of
 * class {@code t} were predicted as {@code p}, as scikit-learn's {@code confusion_matrix}.
 */
public record ConfusionMatrix(List<String> classNames, int[][] counts) {
    public static ConfusionMatrix of(int[] yTrue, int[] yPred, List<String> classNames) {
        if (yTrue.length != yPred.length) {
            throw new IllegalArgumentException("confusion matrix: " + yTrue.length + " labels but " + yPred.length + " predictions");
        }
        int k = classNames.size();
        int[][] counts = new int[k][k];
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] < 0 || yTrue[i] >= k || yPred[i] < 0 || yPred[i] >= k) {
                throw new IllegalArgumentException("confusion matrix: label " + yTrue[i] + " or prediction " + yPred[i]
                        + " is not a class in [0, " + k + ")");
            }
            counts[yTrue[i]][yPred[i]]++;
        }
        return new ConfusionMatrix(List.copyOf(classNames), counts);
    }

    /** The matrix as text: a column per predicted class, a row per true class, each headed by its name. */
    public String format() {
        int width = 5;
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        StringBuilder t = new StringBuilder(" ".repeat(width));
        for (String name : classNames) {
            t.append(' ').append(String.format(java.util.Locale.ROOT, "%" + width + "s", name));
        }
        t.append('\n');
        for (int r = 0; r < counts.length; r++) {
            t.append(String.format(java.util.Locale.ROOT, "%" + width + "s", classNames.get(r)));
            for (int count : counts[r]) {
                t.append(' ').append(String.format(java.util.Locale.ROOT, "%" + width + "d", count));
            }
            t.append('\n');
        }
        return t.toString();
    }

    /** A header row of the predicted classes, then one row per true class. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("true\\predicted");
        for (String name : classNames) {
            csv.append(',').append(name);
        }
        csv.append('\n');
        for (int t = 0; t < counts.length; t++) {
            csv.append(classNames.get(t));
            for (int count : counts[t]) {
                csv.append(',').append(count);
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
