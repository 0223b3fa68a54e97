package org.conv4j.apps.practical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phases one model went through, in order, their histories end to end for one set of curves,
 * and the model's own pictures (its augmentation preview).
 */
public record CandidateResult(Candidate candidate, List<PhaseResult> phases, List<Figure> figures) {
    public CandidateResult {
        phases = List.copyOf(phases);
        figures = List.copyOf(figures);
    }

    /** Every phase's history one after the other, with a "phase" series (1, 2, ...) saying which phase each epoch belongs to. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> all = new LinkedHashMap<>();
        all.put("phase", new ArrayList<>());
        int done = 0;
        for (PhaseResult p : phases) {
            int epochs = p.history().epochs();
            for (Map.Entry<String, List<Double>> s : p.history().series().entrySet()) {
                List<Double> series = all.computeIfAbsent(s.getKey(), k -> new ArrayList<>());
                while (series.size() < done) {
                    series.add(null);
                }
                series.addAll(s.getValue());
            }
            for (int e = 0; e < epochs; e++) {
                all.get("phase").add((double) p.phaseNumber());
            }
            done += epochs;
        }
        return all;
    }

    /** The first epoch (0-based, in {@link #history}) of each phase after the first. */
    public List<Integer> phaseStarts() {
        List<Integer> starts = new ArrayList<>();
        int done = 0;
        for (PhaseResult p : phases) {
            if (done > 0) {
                starts.add(done);
            }
            done += p.history().epochs();
        }
        return starts;
    }
}
