package org.conv4j.apps.practical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.conv4j.layers.Model;

/**
 * A practical as data: its images, its models and their phases, and how the report groups, ranks
 * and contrasts them. The {@link PracticalRunner} trains them; the report writer prints and writes
 * everything. With {@code skipMissingWeights}, a model whose pretrained weights are not to be had
 * is skipped with one line and listed as skipped; without it, that is an error before any
 * training. {@code figures} draws the practical's own pictures from its best model at the end;
 * {@code tta} > 0 also scores every model with augmentation layers on the average of its
 * predictions over that many augmented copies of each image (test-time augmentation).
 */
public record Practical(String command, String title, String description, List<Candidate> candidates, List<Section> sections,
                        boolean skipMissingWeights, PracticalData.Loader data, List<Contrast> contrasts, Figures figures, int tta) {
    public Practical {
        candidates = List.copyOf(candidates);
        sections = List.copyOf(sections);
        contrasts = List.copyOf(contrasts);
        if (tta < 0) {
            throw new IllegalArgumentException("--tta must be >= 0, got " + tta);
        }
    }

    /** A CIFAR-10 practical: its test set validates, no contrasts, no figures of its own. */
    public Practical(String command, String title, String description, List<Candidate> candidates, List<Section> sections,
                     boolean skipMissingWeights) {
        this(command, title, description, candidates, sections, skipMissingWeights, PracticalData.CIFAR10, List.of(), Figures.NONE, 0);
    }

    /** Two phase entries side by side: {@code entry}'s validation accuracy against {@code against}'s, and the gain in points. */
    public record Contrast(String title, String entry, String against) {}

    /** Pictures a practical draws from the model with the best test accuracy, once every model is trained. */
    @FunctionalInterface
    public interface Figures {
        Figures NONE = (best, model, data, runDir) -> List.of();

        /** Writes the pictures under {@code runDir} and returns them for the report. */
        List<Figure> draw(PhaseResult best, Model model, PracticalData data, Path runDir) throws IOException;
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
