package org.conv4j.apps.practical;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.conv4j.engine.Backend;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Parameter;
import org.conv4j.layers.RandomFlip;
import org.conv4j.layers.RandomRotation;
import org.conv4j.layers.RandomZoom;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.optimizers.Optimizer;
import org.conv4j.zoo.keras.Applications;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.keras.KerasWeightFiles;

/**
 * Keras's transfer-learning and fine-tuning recipe on a folder of images (the "industrial recipe"
 * class, Keras's own guide):
 *
 * <pre>
 * inputs -> [RandomFlip("horizontal"), RandomRotation(0.1), RandomZoom(0.1)]   (augment)
 *        -> base(x, training=False) -> GlobalAveragePooling2D -> Dropout(dropout)
 *        -> Dense(classes, softmax)  (or Dense(1, sigmoid), {@code sigmoid})
 * </pre>
 *
 * Phase 1 trains the head with the base frozen; phase 2 ({@code fineTuneEpochs} > 0) makes the
 * base trainable (all of it, or its last {@code unfreeze} layers of base.layers) and recompiles with
 * a much lower learning rate. Because the base is called with training=False, its
 * BatchNormalization layers stay in inference mode in phase 2 too: their moving statistics do not
 * move while the other weights fine-tune. The base's preprocess_input runs in the input pipeline,
 * before the augmentation layers rather than after them as in Keras's guide: it is a per-channel
 * affine map and the augmentations are flips and bilinear warps with reflected borders, so the two
 * orders give the same images.
 *
 * <p>The comparisons the class asks for are two more models: {@link #bnTraining} repeats phase 2
 * from phase 1's weights with the base called in training mode (the BatchNorm gotcha: its
 * statistics re-estimated from small fine-tuning batches), and {@link #scratch} trains the same
 * architecture from random weights for as many epochs as both phases.
 */
public record FineTuning(Architecture architecture, double alpha, int size, int classes, boolean augment, double dropout,
                         boolean sigmoid, OptimizerSpec headOptimizer, int headEpochs, int unfreeze, OptimizerSpec fineTuneOptimizer,
                         int fineTuneEpochs, boolean differentialLr, int patience) {
    public FineTuning {
        if (classes < 2 || (sigmoid && classes != 2)) {
            throw new IllegalArgumentException("the data needs at least two classes (exactly two for a sigmoid output), got " + classes);
        }
        if (!(dropout >= 0 && dropout < 1) || headEpochs < 1 || fineTuneEpochs < 0 || unfreeze < 0 || patience < 0) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), --epochs >= 1, --fine-tune-epochs, --unfreeze and "
                    + "--patience >= 0");
        }
        architecture.checkInput(size, size, 3, false, true);
        architecture.checkImagenetAlpha(alpha);
    }

    public String key() {
        return architecture.cliName();
    }

    public InputPipeline input() {
        InputPipeline p = new InputPipeline(size, architecture.preprocessing());
        return sigmoid ? p.withBinaryLabels() : p;
    }

    /** The base and what the model puts on it, in words. */
    public String describe(String weights, boolean baseInference) {
        return architecture.kerasName() + (architecture.hasAlpha() ? " (alpha " + alpha + ")" : "") + ", " + weights
                + ", called with training=" + (baseInference ? "False" : "True (its BatchNormalization updates its statistics)")
                + (augment ? ", after RandomFlip(horizontal), RandomRotation(0.1) and RandomZoom(0.1)" : "")
                + ", under GlobalAveragePooling2D" + (dropout > 0 ? " + Dropout(" + dropout + ")" : "")
                + (sigmoid ? " + Dense(1, sigmoid)" : " + Dense(" + classes + ", softmax)");
    }

    /** The pretrained model: {@code <key>_<firstPhase>} with the base frozen, then {@code <key>_phase2} when fine-tuning. */
    public Candidate transfer(KerasWeightFiles files, String firstPhase) {
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase(key() + "_" + firstPhase, "frozen", "base frozen, the new head trains", headEpochs, headOptimizer, patience,
                m -> m.base().setTrainable(false)));
        if (fineTuneEpochs > 0) {
            phases.add(fineTunePhase(key() + "_phase2", "fine-tuned", ", BatchNormalization in inference mode"));
        }
        return pretrained(key(), files, true, phases, null);
    }

    /** Phase 2 again from phase 1's weights, the base called in training mode: {@code <key>_phase2_bn_training}. */
    public Candidate bnTraining(KerasWeightFiles files, String firstPhase) {
        return pretrained(key() + "_bn_training", files, false,
                List.of(fineTunePhase(key() + "_phase2_bn_training", "BN training",
                        ", BatchNormalization in training mode (moving statistics updated)")), key() + "_" + firstPhase);
    }

    /** The same architecture from random weights, every layer training for both phases' epochs: {@code <key>_scratch}. */
    public Candidate scratch() {
        int epochs = headEpochs + fineTuneEpochs;
        Phase phase = new Phase(key() + "_scratch", "from scratch", "random weights, every layer trains for " + epochs + " epochs",
                epochs, headOptimizer, patience, m -> m.model().setTrainable(true));
        return new Candidate(key() + "_scratch", "none", describe("random weights", false), input(),
                (backend, seed) -> build(backend, seed, "none", null, false, key() + "_scratch"), Candidate.WeightsCheck.NONE, List.of(phase));
    }

    private Phase fineTunePhase(String name, String label, String bn) {
        String layers = unfreeze == 0 ? "the whole base" : "the base's last " + unfreeze + " layers";
        String lr = differentialLr ? "; the earlier half of its unfrozen layers at a 10x lower learning rate" : "";
        return new Phase(name, label, layers + " trainable from phase 1's weights" + bn + lr, fineTuneEpochs, fineTuneOptimizer, patience,
                m -> {
                    if (unfreeze == 0) {
                        m.base().setTrainable(true);
                    } else {
                        Recipes.unfreezeLast(m.base(), unfreeze);
                    }
                }, differentialLr ? FineTuning::slowEarlierHalf : (m, o) -> { });
    }

    /**
     * The differential learning rate: the base's trainable layers split in two halves in
     * base.layers order, the earlier half's weights at a tenth of the learning rate (they hold
     * generic features), the later half and the head at the full rate.
     */
    static void slowEarlierHalf(BuiltModel m, Optimizer o) {
        List<Layer> unfrozen = m.base().layers().stream().filter(Layer::isTrainable).toList();
        for (Layer l : unfrozen.subList(0, unfrozen.size() / 2)) {
            for (Parameter p : l.weights()) {
                if (p.trainable()) {
                    o.scaleLearningRate(p, 0.1);
                }
            }
        }
    }

    private Candidate pretrained(String key, KerasWeightFiles files, boolean baseInference, List<Phase> phases, String startFrom) {
        AtomicReference<String> weights = new AtomicReference<>("imagenet");
        return new Candidate(key, architecture.cliName(), describe("ImageNet weights, no top", baseInference), input(),
                (backend, seed) -> build(backend, seed, weights.get(), files, baseInference, key),
                () -> weights.set(Recipes.ensureWeights(architecture, alpha, size, files)), phases, startFrom);
    }

    /** The model {@code name} on {@code backend}: the base with {@code weights} ("imagenet", a file, or "none"), called in inference mode or not. */
    BuiltModel build(Backend backend, long seed, String weights, KerasWeightFiles files, boolean baseInference, String name)
            throws java.io.IOException {
        Applications.Options o = new Applications.Options(size, size, false, null, 1000, weights, seed);
        Model base = Applications.build(architecture, backend, alpha, o, files);
        SymbolicTensor in = InputLayer.input(size, size, 3);
        SymbolicTensor x = in;
        if (augment) {
            x = new RandomFlip("horizontal").apply(x);
            x = new RandomRotation(0.1).apply(x);
            x = new RandomZoom(0.1).apply(x);
        }
        x = baseInference ? base.apply(x, false) : base.apply(x);
        x = new GlobalAveragePooling2D().apply(x);
        if (dropout > 0) {
            x = new Dropout(dropout).apply(x);
        }
        x = sigmoid ? new Dense(1, "sigmoid").apply(x) : new Dense(classes, "softmax").apply(x);
        Model model = new Model(in, x, name);
        model.build(backend, seed);
        return new BuiltModel(model, base);
    }
}
