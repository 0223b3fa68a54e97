package org.conv4j.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.conv4j.apps.practical.Candidate;
import org.conv4j.apps.practical.OptimizerSpec;
import org.conv4j.apps.practical.Phase;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.Presets;
import org.conv4j.apps.practical.Recipes;
import org.conv4j.apps.practical.Recipes.Transfer;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.keras.KerasWeightFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The guided experiments of "Práctica 9" on CIFAR-10:
 *
 * <pre>
 * A  regularization: the simple CNN against the CNN with BatchNormalization, Dropout and
 *    GlobalAveragePooling2D, and that CNN with an L2 kernel_regularizer on every kernel
 * B  MobileNetV2 frozen + GlobalAveragePooling2D + Dense(10) at 128x128
 * C  B's model, then its last 20 layers fine-tuned with Adam 1e-4
 * D  EfficientNetB0 frozen at 128x128, then its last 30 layers fine-tuned with Adam 1e-4
 * E  the BN + Dropout CNN under Adam 1e-3, Adam 5e-4, SGD (momentum 0.9, Nesterov) and RMSprop 1e-3,
 *    ranked by best val_accuracy
 * </pre>
 *
 * {@code all} runs them in one report, training a model two experiments share once (A's BN +
 * Dropout CNN is E's Adam 1e-3 run; C's frozen phase is B).
 */
@Command(name = "experiments", description = "The guided experiments A-E of Práctica 9 on CIFAR-10, one or all in one report.")
public final class ExperimentsCommand extends PracticalCommand {
    @Parameters(index = "0", description = "A, B, C, D, E or all")
    String which;

    @Option(names = "--alpha", defaultValue = "1.0", description = "MobileNetV2's width in B and C (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--size", defaultValue = "128", description = "input side of B, C and D: CIFAR-10 resized on the fly (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs at most of every phase (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--l2", defaultValue = "0.01", description = "A's L2 factor: l2 * sum(w^2) per kernel added to the loss (default: ${DEFAULT-VALUE})")
    double l2;

    /** One experiment: its models and the table it shows. */
    private record Experiment(String letter, String title, List<Candidate> candidates, List<String> entries, String rankBy) {}

    @Override
    Practical practical() {
        String w = which.toUpperCase(Locale.ROOT);
        if (!List.of("A", "B", "C", "D", "E", "ALL").contains(w)) {
            throw new IllegalArgumentException("unknown experiment '" + which + "': expected A, B, C, D, E or all");
        }
        if (!(l2 > 0)) {
            throw new IllegalArgumentException("--l2 must be > 0, got " + l2);
        }
        Map<String, Experiment> experiments = experiments();
        List<Experiment> chosen = w.equals("ALL") ? List.copyOf(experiments.values()) : List.of(experiments.get(w));
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        List<Practical.Section> sections = new ArrayList<>();
        for (Experiment e : chosen) {
            for (Candidate c : e.candidates()) {
                // B's model is C's first phase: C's two-phase model stands for both
                Candidate kept = candidates.get(c.key());
                if (kept == null || kept.phases().size() < c.phases().size()) {
                    candidates.put(c.key(), c);
                }
            }
            sections.add(new Practical.Section("Experiment " + e.letter() + ": " + e.title(), "", e.entries(), e.rankBy()));
        }
        String title = w.equals("ALL") ? "Experiments A-E on CIFAR-10" : "Experiment " + w + " on CIFAR-10: " + chosen.get(0).title();
        return new Practical("experiments", title, "The guided experiments of Práctica 9.", List.copyOf(candidates.values()),
                sections, true);
    }

    private Map<String, Experiment> experiments() {
        int e = PracticalOptions.positive("--epochs", epochs);
        int patience = options.patience;
        KerasWeightFiles files = new KerasWeightFiles(new DataLocator(options.dataDir));
        OptimizerSpec adam = OptimizerSpec.adam(1e-3);
        Candidate simple = Recipes.scratch("simple_cnn", "simple-cnn", 0, adam, e, patience);
        Candidate bn = Recipes.scratch("bn_dropout_cnn", "bn-dropout-cnn", 0, adam, e, patience);
        Candidate bnL2 = Recipes.scratch("bn_dropout_cnn_l2", "bn-dropout-cnn", l2, adam, e, patience);
        Candidate b = sized(Presets.of("experiment-b", alpha), e, patience).candidate("mobilenetv2_" + size, files);
        Candidate c = sized(Presets.of("experiment-c", alpha), e, patience).candidate("mobilenetv2_" + size, files);
        Candidate d = sized(Presets.of("experiment-d", 1.0), e, patience).candidate("efficientnetb0_" + size, files);
        List<Candidate> optimizers = List.of(bn,
                Recipes.scratch("bn_dropout_cnn_adam_5e-4", "bn-dropout-cnn", 0, OptimizerSpec.adam(5e-4), e, patience),
                Recipes.scratch("bn_dropout_cnn_sgd_nesterov", "bn-dropout-cnn", 0, new OptimizerSpec("sgd", 0.01, 0.9, true), e, patience),
                Recipes.scratch("bn_dropout_cnn_rmsprop", "bn-dropout-cnn", 0, OptimizerSpec.of("rmsprop", 1e-3), e, patience));
        Map<String, Experiment> all = new LinkedHashMap<>();
        all.put("A", new Experiment("A", "BatchNormalization, Dropout, GlobalAveragePooling2D and L2 against the simple CNN",
                List.of(simple, bn, bnL2), names(simple, bn, bnL2), null));
        all.put("B", new Experiment("B", "MobileNetV2 frozen + GlobalAveragePooling2D at " + size + "x" + size, List.of(b), names(b), null));
        all.put("C", new Experiment("C", "B's model with its last 20 layers fine-tuned, Adam 1e-4", List.of(c), names(c), null));
        all.put("D", new Experiment("D", "EfficientNetB0 frozen, then its last 30 layers fine-tuned, Adam 1e-4", List.of(d), names(d), null));
        all.put("E", new Experiment("E", "optimizers for the BN + Dropout CNN", optimizers,
                names(optimizers.toArray(Candidate[]::new)), "val_accuracy"));
        return all;
    }

    private Transfer sized(Transfer t, int e, int patience) {
        return new Transfer(t.architecture(), t.alpha(), size, t.head(), t.dense(), t.dropout(), t.optimizer(), e, t.fineTuneLayers(),
                t.fineTuneOptimizer(), e, patience);
    }

    private static List<String> names(Candidate... candidates) {
        List<String> names = new ArrayList<>();
        for (Candidate c : candidates) {
            c.phases().stream().map(Phase::name).forEach(names::add);
        }
        return names;
    }

    /** The app main: the same options as {@code ./conv4j experiments}. */
    public static void main(String[] args) {
        PracticalCommand.main("experiments", args);
    }
}
