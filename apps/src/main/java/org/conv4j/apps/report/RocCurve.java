package org.conv4j.apps.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ROC curve of scores against binary labels, exactly as scikit-learn's {@code roc_curve}
 * (without dropping collinear points): the scores sorted from high to low, and at each distinct
 * score t the point (FPR, TPR) of predicting positive where score >= t, from (0, 0) to (1, 1).
 * The area under it by the trapezoidal rule equals the probability that a random positive scores
 * above a random negative, ties counting one half.
 */
public record RocCurve(double[] falsePositiveRate, double[] truePositiveRate, double[] thresholds, double auc) {
    /** {@code scores[i]}: the model's score of image i for the positive class; {@code positive[i]}: whether it is one. */
    public static RocCurve of(float[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) {
            throw new IllegalArgumentException(n + " scores but " + positive.length + " labels");
        }
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a ROC curve needs positives and negatives, got " + positives + " and " + negatives);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0, Double.POSITIVE_INFINITY});
        long tp = 0, fp = 0;
        for (int i = 0; i < n; i++) {
            if (positive[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            if (i + 1 == n || scores[order[i + 1]] != scores[order[i]]) {
                points.add(new double[] {(double) fp / negatives, (double) tp / positives, scores[order[i]]});
            }
        }
        double[] fpr = new double[points.size()], tpr = new double[points.size()], thr = new double[points.size()];
        double area = 0;
        for (int k = 0; k < points.size(); k++) {
            fpr[k] = points.get(k)[0];
            tpr[k] = points.get(k)[1];
            thr[k] = points.get(k)[2];
            if (k > 0) {
                area += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2;
            }
        }
        return new RocCurve(fpr, tpr, thr, area);
    }

    /** The curve's points for metrics.json. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", auc);
        m.put("fpr", falsePositiveRate);
        m.put("tpr", truePositiveRate);
        return m;
    }
}
