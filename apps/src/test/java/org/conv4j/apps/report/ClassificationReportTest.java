package org.conv4j.apps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
    /*
     * Worked by hand: counts per class (tp / predicted / true): cat 3/4/5, dog 2/4/3, bird 1/2/2.
     * cat P=3/4 R=3/5 F1=6/9; dog P=2/4 R=2/3 F1=4/7; bird P=R=F1=1/2; accuracy 6/10.
     * Weighted precision is (3.75 + 1.5 + 1) / 10 = 0.625 exactly, which Python prints as 0.62.
     */
    private static final int[] Y_TRUE = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
    private static final int[] Y_PRED = {0, 0, 0, 1, 2, 1, 1, 0, 2, 1};

    @Test
    void formatsLikeScikitLearn() {
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "         cat       0.75      0.60      0.67         5\n"
                + "         dog       0.50      0.67      0.57         3\n"
                + "        bird       0.50      0.50      0.50         2\n"
                + "\n"
                + "    accuracy                           0.60        10\n"
                + "   macro avg       0.58      0.59      0.58        10\n"
                + "weighted avg       0.62      0.60      0.60        10\n";
        assertEquals(expected, ClassificationReport.of(Y_TRUE, Y_PRED, List.of("cat", "dog", "bird")).format());
    }

    @Test
    void exposesTheNumbers() {
        ClassificationReport report = ClassificationReport.of(Y_TRUE, Y_PRED, List.of("cat", "dog", "bird"));
        assertEquals(new ClassificationReport.Scores(0.75, 0.6, 6.0 / 9), report.scores(0));
        assertEquals(4.0 / 7, report.scores(1).f1(), 1e-15);
        assertEquals(3, report.support(1));
        assertEquals(10, report.totalSupport());
        assertEquals(0.6, report.accuracy(), 1e-15);
        assertEquals((0.75 + 0.5 + 0.5) / 3, report.macroAvg().precision(), 1e-15);
        assertEquals(0.625, report.weightedAvg().precision(), 1e-15);
        assertEquals(0.6, report.weightedAvg().recall(), 1e-15);
    }

    @Test
    void jsonFollowsScikitLearnsOutputDict() {
        Map<String, Object> json = ClassificationReport.of(Y_TRUE, Y_PRED, List.of("cat", "dog", "bird")).toJson();
        assertEquals(List.of("cat", "dog", "bird", "accuracy", "macro avg", "weighted avg"), List.copyOf(json.keySet()));
        assertEquals(Map.of("precision", 0.5, "recall", 0.5, "f1-score", 0.5, "support", 2), json.get("bird"));
        assertEquals(0.6, (Double) json.get("accuracy"), 1e-15);
        assertEquals(10, ((Map<?, ?>) json.get("weighted avg")).get("support"));
    }

    /*
     * "c" is neither true nor predicted (every ratio 0/0), "d" is never predicted (precision 0/0,
     * F1 0/1). Both count as 0.0 in the macro average. Macro recall is (1/2 + 1) / 4 = 0.375
     * exactly, an exact tie that Python rounds to the even 0.38.
     */
    @Test
    void zeroSupportAndZeroDivisionAreZero() {
        ClassificationReport report =
                ClassificationReport.of(new int[] {0, 0, 1, 1, 3}, new int[] {0, 1, 1, 1, 0}, List.of("a", "b", "c", "d"));
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "           a       0.50      0.50      0.50         2\n"
                + "           b       0.67      1.00      0.80         2\n"
                + "           c       0.00      0.00      0.00         0\n"
                + "           d       0.00      0.00      0.00         1\n"
                + "\n"
                + "    accuracy                           0.60         5\n"
                + "   macro avg       0.29      0.38      0.33         5\n"
                + "weighted avg       0.47      0.60      0.52         5\n";
        assertEquals(expected, report.format());
        assertEquals(new ClassificationReport.Scores(0.0, 0.0, 0.0), report.scores(2));
        assertEquals(0, report.support(2));
        assertEquals(new ClassificationReport.Scores(0.0, 0.0, 0.0), report.scores(3));
    }

    @Test
    void longClassNamesWidenTheFirstColumn() {
        String expected = ""
                + "                        precision    recall  f1-score   support\n"
                + "\n"
                + "a very long class name       0.50      1.00      0.67         1\n"
                + "                     b       1.00      0.50      0.67         2\n"
                + "\n"
                + "              accuracy                           0.67         3\n"
                + "             macro avg       0.75      0.75      0.67         3\n"
                + "          weighted avg       0.83      0.67      0.67         3\n";
        assertEquals(expected, ClassificationReport.of(
                new int[] {0, 1, 1}, new int[] {0, 1, 0}, List.of("a very long class name", "b")).format());
    }

    @Test
    void rejectsBadInput() {
        List<String> names = List.of("a", "b");
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(new int[] {0}, new int[] {0, 1}, names));
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(new int[0], new int[0], names));
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(new int[] {2}, new int[] {0}, names));
    }
}
