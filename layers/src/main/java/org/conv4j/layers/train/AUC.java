package org.conv4j.layers.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keras's AUC (ROC curve), over every output value as a binary score (positive where the target
 * is not 0). By default as Keras computes it: confusion counts at {@code thresholds} thresholds
 * (-1e-7, 1/(n-1), ..., (n-2)/(n-1), 1 + 1e-7; predicted positive when p > threshold), the true
 * and false positive rates at each (0 where undefined), and the trapezoidal area
 * sum_i (fpr_i - fpr_i+1) (tpr_i + tpr_i+1) / 2. {@link #exact()} gives the exact area instead:
 * the probability that a random positive scores above a random negative, ties counting one half
 * (Mann-Whitney), from every score seen.
 */
public final class AUC extends Metric {
    private static final double EPSILON = 1e-7;
    private final double[] thresholds;   // null for the exact area
    private long[] truePositives;
    private long[] falsePositives;
    private long positives;
    private long negatives;
    private final List<float[]> scores = new ArrayList<>();   // exact: (score, label) pairs in chunks
    private final List<float[]> labels = new ArrayList<>();

    private AUC(double[] thresholds) {
        this.thresholds = thresholds;
        reset();
    }

    /** Keras's AUC(num_thresholds=n, curve="ROC", summation_method="interpolation"). */
    public static AUC interpolated(int n) {
        if (n < 3) {
            throw new IllegalArgumentException("AUC needs at least 3 thresholds, got " + n);
        }
        double[] t = new double[n];
        t[0] = -EPSILON;
        for (int i = 1; i < n - 1; i++) {
            t[i] = (double) i / (n - 1);
        }
        t[n - 1] = 1 + EPSILON;
        return new AUC(t);
    }

    /** The exact area under the ROC curve. */
    public static AUC exact() {
        return new AUC(null);
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public void reset() {
        if (thresholds != null) {
            truePositives = new long[thresholds.length];
            falsePositives = new long[thresholds.length];
        }
        positives = 0;
        negatives = 0;
        scores.clear();
        labels.clear();
    }

    @Override
    public void update(float[] probabilities, float[] targets, int rows, int width) {
        int n = rows * width;
        for (int i = 0; i < n; i++) {
            boolean actual = targets[i] != 0f;
            positives += actual ? 1 : 0;
            negatives += actual ? 0 : 1;
            if (thresholds != null) {
                for (int t = 0; t < thresholds.length && probabilities[i] > thresholds[t]; t++) {
                    truePositives[t] += actual ? 1 : 0;
                    falsePositives[t] += actual ? 0 : 1;
                }
            }
        }
        if (thresholds == null) {
            scores.add(Arrays.copyOf(probabilities, n));
            labels.add(Arrays.copyOf(targets, n));
        }
    }

    @Override
    public double result() {
        if (positives == 0 || negatives == 0) {
            return 0; // Keras: both rates are 0 everywhere, so is the area
        }
        return thresholds != null ? interpolatedArea() : exactArea();
    }

    private double interpolatedArea() {
        double area = 0;
        for (int i = 0; i + 1 < thresholds.length; i++) {
            double fpr0 = (double) falsePositives[i] / negatives, fpr1 = (double) falsePositives[i + 1] / negatives;
            double tpr0 = (double) truePositives[i] / positives, tpr1 = (double) truePositives[i + 1] / positives;
            area += (fpr0 - fpr1) * (tpr0 + tpr1) / 2;
        }
        return area;
    }

    /** Sum of the positives' ranks among all scores (ties at their mean rank), turned into U / (P * N). */
    private double exactArea() {
        int total = (int) (positives + negatives);
        float[] s = new float[total];
        boolean[] positive = new boolean[total];
        int k = 0;
        for (int c = 0; c < scores.size(); c++) {
            for (int i = 0; i < scores.get(c).length; i++, k++) {
                s[k] = scores.get(c)[i];
                positive[k] = labels.get(c)[i] != 0f;
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(s[a], s[b]));
        double rankSum = 0;
        for (int i = 0; i < total; ) {
            int j = i;
            while (j + 1 < total && s[order[j + 1]] == s[order[i]]) {
                j++;
            }
            double meanRank = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) {
                rankSum += positive[order[m]] ? meanRank : 0;
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
