package org.conv4j.apps.practical;

import java.util.List;

/**
 * A practical as data: its models and their phases, and how the report groups and ranks them. The
 * {@link PracticalRunner} trains them; the report writer prints and writes everything. With
 * {@code skipMissingWeights}, a model whose pretrained weights are not to be had is skipped with
 * one line and listed as skipped; without it, that is an error before any training.
 */
public record Practical(String command, String title, String description, List<Candidate> candidates, List<Section> sections,
                        boolean skipMissingWeights) {
    public Practical {
        candidates = List.copyOf(candidates);
        sections = List.copyOf(sections);
    }

    /**
     * One table of the report: the phase entries it shows ({@link Phase#name}), ranked by
     * {@code rankBy} ("test_accuracy", "val_accuracy") or in training order when null.
     */
    public record Section(String title, String description, List<String> entries, String rankBy) {
        public Section {
            entries = List.copyOf(entries);
        }
    }

    /** One section of every phase of every model, in training order. */
    public static Section allEntries(String title, List<Candidate> candidates, String rankBy) {
        return new Section(title, "", candidates.stream().flatMap(c -> c.phases().stream()).map(Phase::name).toList(), rankBy);
    }
}
