package org.conv4j.apps.practical;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.conv4j.layers.optimizers.Optimizer;

/**
 * One training phase of a model: {@code prepare} sets what trains (freezing, unfreezing), then a
 * fresh {@code optimizer} is made, {@code learningRates} may give some weights their own factor on
 * its learning rate (a differential learning rate), and the model is compiled with it and fitted
 * for up to {@code epochs} epochs with EarlyStopping(val_accuracy, {@code patience}, best weights
 * restored), from the weights the previous phase left. {@code name} is its entry in metrics.json
 * ({@code mobilenetv2_frozen}), {@code label} what the report calls it ("frozen", "fine-tuned").
 */
public record Phase(String name, String label, String description, int epochs, OptimizerSpec optimizer, int patience,
                    Consumer<BuiltModel> prepare, BiConsumer<BuiltModel, Optimizer> learningRates) {
    public Phase {
        if (epochs < 1 || patience < 0) {
            throw new IllegalArgumentException("phase " + name + ": epochs must be >= 1 and patience >= 0, got " + epochs
                    + " and " + patience);
        }
    }

    /** A phase whose weights all step with the optimizer's learning rate. */
    public Phase(String name, String label, String description, int epochs, OptimizerSpec optimizer, int patience,
                 Consumer<BuiltModel> prepare) {
        this(name, label, description, epochs, optimizer, patience, prepare, (m, o) -> { });
    }
}
