package org.conv4j.apps.practical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.layers.train.History;
import org.junit.jupiter.api.Test;

class CandidateResultTest {
    private static PhaseResult phase(Candidate c, int number, Map<String, List<Double>> series) {
        History h = new History();
        int epochs = series.values().iterator().next().size();
        for (int e = 0; e < epochs; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            for (Map.Entry<String, List<Double>> s : series.entrySet()) {
                logs.put(s.getKey(), s.getValue().get(e));
            }
            h.record(logs);
        }
        return new PhaseResult(c, c.phases().get(number - 1), number, "m", 10, 5, "", h, 0, 0.5, 0.4, 0.4, 1.0, 1, 1, 1, 1,
                null, null, null, null, "32x32");
    }

    @Test
    void phasesAreEndToEndWithTheirNumbersAndStarts() {
        Phase p1 = new Phase("m_frozen", "frozen", "", 3, OptimizerSpec.adam(1e-3), 3, m -> { });
        Phase p2 = new Phase("m_finetuned", "fine-tuned", "", 2, OptimizerSpec.adam(1e-4), 3, m -> { });
        Candidate c = new Candidate("m", "mobilenetv2", "", InputPipeline.unitRange(32), (b, s) -> null, Candidate.WeightsCheck.NONE,
                List.of(p1, p2));
        Map<String, List<Double>> first = new LinkedHashMap<>();
        first.put("accuracy", List.of(0.1, 0.2, 0.3));
        first.put("val_accuracy", List.of(0.15, 0.25, 0.2));
        Map<String, List<Double>> second = new LinkedHashMap<>();
        second.put("accuracy", List.of(0.4, 0.5));
        second.put("val_accuracy", List.of(0.3, 0.35));
        second.put("lr", List.of(1e-4, 1e-4));
        CandidateResult r = new CandidateResult(c, List.of(phase(c, 1, first), phase(c, 2, second)), List.of());
        Map<String, List<Double>> h = r.history();
        assertEquals(List.of(1.0, 1.0, 1.0, 2.0, 2.0), h.get("phase"));
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5), h.get("accuracy"));
        assertEquals(Arrays.asList(null, null, null, 1e-4, 1e-4), h.get("lr"), "a series of phase 2 only starts with gaps");
        assertEquals(List.of(3), r.phaseStarts());
    }

    @Test
    void optimizersReadAsKerasWritesThem() {
        assertEquals("Adam(learning_rate=0.001)", OptimizerSpec.adam(1e-3).describe());
        assertEquals("SGD(learning_rate=0.01, momentum=0.9, nesterov=True)", new OptimizerSpec("sgd", 0.01, 0.9, true).describe());
        assertEquals("RMSprop(learning_rate=0.0005)", OptimizerSpec.of("RMSprop", 5e-4).describe());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.of("adagrad", 1e-3));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.of("adam", 0));
    }
}
