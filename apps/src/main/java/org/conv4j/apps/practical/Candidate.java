package org.conv4j.apps.practical;

import java.io.IOException;
import java.util.List;
import org.conv4j.engine.Backend;

/**
 * One model of a practical: how to build it, how its input is made, and its phases in order.
 * {@code key} names its folder in the run; {@code base} is the pretrained architecture's name, or
 * "none" for a model trained from scratch. {@code weights} makes sure the base's weights are here
 * (finding or downloading them) before any data is read, so a missing file stops or skips the model
 * at once, not after an hour of training the others. {@code startFrom}, when not null, names a phase
 * of a model trained before this one whose final weights this one starts from (the same
 * architecture built another way: the fine-tuning practical's BatchNorm comparison); the weights
 * are matched in model order.
 */
public record Candidate(String key, String base, String description, InputPipeline input, Factory factory, WeightsCheck weights,
                        List<Phase> phases, String startFrom) {
    public Candidate {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("model " + key + " has no training phase");
        }
    }

    /** A model that starts from its factory's weights. */
    public Candidate(String key, String base, String description, InputPipeline input, Factory factory, WeightsCheck weights,
                     List<Phase> phases) {
        this(key, base, description, input, factory, weights, phases, null);
    }

    /** Builds the model on a backend, weights loaded. */
    @FunctionalInterface
    public interface Factory {
        BuiltModel build(Backend backend, long seed) throws IOException;
    }

    /** Finds (or downloads) the weights a model needs; an IOException says which file is missing and where it goes. */
    @FunctionalInterface
    public interface WeightsCheck {
        WeightsCheck NONE = () -> { };

        void ensureAvailable() throws IOException;
    }
}
