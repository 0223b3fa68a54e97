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
