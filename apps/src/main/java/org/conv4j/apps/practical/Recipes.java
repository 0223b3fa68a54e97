package org.conv4j.apps.practical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Regularizer;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.zoo.keras.Applications;
import org.conv4j.zoo.keras.Architecture;
import org.conv4j.zoo.keras.KerasWeightFiles;
import org.conv4j.zoo.models.SimpleCnn;

/** The two kinds of model the CIFAR-10 and MNIST practicals train: a CNN from scratch, and a pretrained base under a new head. */
public final class Recipes {
    /** CIFAR-10's (and MNIST's) classes, and CIFAR-10's image side. */
    public static final int CLASSES = 10;
    public static final int CIFAR_SIZE = 32;

    private Recipes() {}

    /**
     * A CNN of {@link SimpleCnn#NAMES} trained from scratch in one phase on CIFAR-10's pixels in
     * [0, 1]; {@code l2} > 0 puts Keras's L2 kernel_regularizer on every Conv2D and Dense.
     */
    public static Candidate scratch(String entry, String modelName, double l2, OptimizerSpec optimizer, int epochs, int patience) {
        return scratch(entry, modelName, l2, optimizer, epochs, patience, CIFAR_SIZE, 3);
    }

    /** The same on {@code size} x {@code size} images of {@code channels} channels (MNIST's grey 28x28). */
    public static Candidate scratch(String entry, String modelName, double l2, OptimizerSpec optimizer, int epochs, int patience,
                                    int size, int channels) {
        Regularizer r = l2 > 0 ? Regularizer.l2(l2) : null;
        if (!SimpleCnn.isName(modelName)) {
            throw new IllegalArgumentException("unknown model '" + modelName + "': expected one of " + String.join(", ", SimpleCnn.NAMES));
        }
        String description = modelName + (l2 > 0 ? " with L2(" + l2 + ") on every kernel" : "") + ", trained from scratch";
        Phase phase = new Phase(entry, "from scratch", "every layer trains", epochs, optimizer, patience, m -> { });
        return new Candidate(entry, "none", description, new InputPipeline(size, channels, null, false),
                (backend, seed) -> {
                    Sequential m = SimpleCnn.byName(modelName, size, size, channels, CLASSES, r);
                    m.build(backend, seed);
                    return new BuiltModel(m, null);
                }, Candidate.WeightsCheck.NONE, List.of(phase));
    }

    /**
     * A pretrained base (ImageNet weights, no top) under a new head, at {@code size} x {@code size}
     * with the base's own preprocess_input: phase 1 with the base frozen; phase 2, when
     * {@code fineTuneLayers} > 0, with the base's last {@code fineTuneLayers} layers of
     * {@code base.layers} trainable (Keras's {@code for layer in base.layers[:-N]: layer.trainable = False}),
     * recompiled with {@code fineTuneOptimizer}, from phase 1's weights.
     *
     * @param head "flatten" or "gap" (GlobalAveragePooling2D), then a Dense(dense, relu) when
     *     dense > 0, a Dropout(dropout) when dropout > 0, and Dense(10, softmax)
     */
    public record Transfer(Architecture architecture, double alpha, int size, String head, int dense, double dropout,
                           OptimizerSpec optimizer, int epochs, int fineTuneLayers, OptimizerSpec fineTuneOptimizer,
                           int fineTuneEpochs, int patience) {
        public Transfer {
            if (!head.equals("flatten") && !head.equals("gap")) {
                throw new IllegalArgumentException("unknown --head '" + head + "': expected flatten or gap");
            }
            if (dense < 0 || !(dropout >= 0 && dropout < 1) || fineTuneLayers < 0 || epochs < 1 || fineTuneEpochs < 1 || patience < 0) {
                throw new IllegalArgumentException("--dense and --fine-tune must be >= 0, --dropout in [0, 1), --epochs and "
                        + "--fine-tune-epochs >= 1, --patience >= 0");
            }
            architecture.checkInput(size, size, 3, false, true);
            architecture.checkImagenetAlpha(alpha);
        }

        /** The model's name in the run: the architecture's, with the input size when it is not CIFAR-10's. */
        public String defaultKey() {
            return architecture.cliName() + (size != CIFAR_SIZE ? "_" + size : "");
        }

        public String describe() {
            String base = architecture.kerasName() + (architecture.hasAlpha() ? " (alpha " + alpha + ")" : "");
            String h = (head.equals("flatten") ? "Flatten" : "GlobalAveragePooling2D") + (dense > 0 ? " + Dense(" + dense + ", relu)" : "")
                    + (dropout > 0 ? " + Dropout(" + dropout + ")" : "") + " + Dense(10, softmax)";
            return base + ", ImageNet weights, no top, under " + h;
        }

        public Candidate candidate(String key, KerasWeightFiles files) {
            List<Phase> phases = new ArrayList<>();
            phases.add(new Phase(key + "_frozen", "frozen", "base frozen, the new head trains", epochs, optimizer, patience,
                    m -> m.base().setTrainable(false)));
            if (fineTuneLayers > 0) {
                phases.add(new Phase(key + "_finetuned", "fine-tuned", "the base's last " + fineTuneLayers
                        + " layers trainable, from phase 1's weights", fineTuneEpochs, fineTuneOptimizer, patience,
                        m -> unfreezeLast(m.base(), fineTuneLayers)));
            }
            AtomicReference<String> weights = new AtomicReference<>("imagenet");
            return new Candidate(key, architecture.cliName(), describe(), new InputPipeline(size, architecture.preprocessing()),
                    (backend, seed) -> {
                        Applications.Options o = new Applications.Options(size, size, false, null, 1000, weights.get(), seed);
                        return assemble(Applications.build(architecture, backend, alpha, o, files), key, backend, seed);
                    }, () -> weights.set(ensureWeights(architecture, alpha, size, files)), phases);
        }

        /**
         * The model on the base's input and output (Keras's {@code Model(base.input, head(base.output))}),
         * built on {@code backend}: it holds the base's layers itself, so a fine-tuning phase computes
         * the frozen part of the base once and trains the rest.
         */
        public BuiltModel assemble(Model base, String name, org.conv4j.engine.Backend backend, long seed) {
            SymbolicTensor x = base.output();
            x = head.equals("flatten") ? new Flatten().apply(x) : new GlobalAveragePooling2D().apply(x);
            if (dense > 0) {
                x = new Dense(dense, "relu").apply(x);
            }
            if (dropout > 0) {
                x = new Dropout(dropout).apply(x);
            }
            Model model = new Model(base.input(), new Dense(CLASSES, "softmax").apply(x), name);
            model.build(backend, seed);
            return new BuiltModel(model, base);
        }
    }

    /**
     * The weights to load for a no-top base at {@code size}: "imagenet" when Keras's no-top file
     * for this size (or its with-top file) is here or downloads; else, for MobileNet and
     * MobileNetV2, whose files differ by input size but hold the same shapes, the 224x224 file when
     * that one is here (with a notice); else an IOException of one line naming the file and where
     * to put it.
     */
    static String ensureWeights(Architecture architecture, double alpha, int size, KerasWeightFiles files) throws IOException {
        try {
            Applications.imagenetWeights(architecture, alpha, size, size, false, files);
            return "imagenet";
        } catch (IOException e) {
            Architecture.WeightsFile noTop = architecture.imagenetFile(alpha, size, size, false);
            Architecture.WeightsFile at224 = architecture.imagenetFile(alpha, 224, 224, false);
            java.util.Optional<Path> fallback = at224.name().equals(noTop.name()) ? java.util.Optional.empty() : files.find(at224.name());
            if (fallback.isPresent()) {
                System.out.println("Keras's " + size + "x" + size + " weights " + noTop.name() + " are not here and could not be "
                        + "downloaded: using the 224x224 ones, " + fallback.get() + " (the same shapes; Keras trained them at 224x224)");
                return fallback.get().toString();
            }
            Set<String> folders = new LinkedHashSet<>();
            for (Path p : files.candidates(noTop.name())) {
                folders.add(String.valueOf(p.toAbsolutePath().normalize().getParent()));
            }
            throw new IOException("its ImageNet weights " + noTop.name() + " are not on this machine and could not be downloaded; "
                    + "put the file in one of " + String.join(", ", folders), e);
        }
    }

    /** Keras's fine-tuning: the base trainable, then every layer but the last {@code n} of base.layers frozen again. */
    static void unfreezeLast(Model base, int n) {
        base.setTrainable(true);
        List<Layer> layers = base.layers();
        for (int i = 0; i < layers.size() - n; i++) {
            layers.get(i).setTrainable(false);
        }
    }
}
