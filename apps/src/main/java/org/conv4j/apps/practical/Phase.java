package org.conv4j.apps.practical;

import java.util.function.Consumer;

/**
 * One training phase of a model: {@code prepare} sets what trains (freezing, unfreezing), then the
 * model is compiled with a fresh {@code optimizer} and fitted for up to {@code epochs} epochs with
 * EarlyStopping(val_accuracy, {@code patience}, best weights restored), from the weights the
 * previous phase left. {@code name} is its entry in metrics.json ({@code mobilenetv2_frozen}),
 * {@code label} what the report calls it ("frozen", "fine-tuned").
 */
public record Phase(String name, String label, String description, int epochs, OptimizerSpec optimizer, int patience,
                    Consumer<BuiltModel> prepare) {
    public Phase {
        if (epochs < 1 || patience < 0) {
            throw new IllegalArgumentException("phase " + name + ": epochs must be >= 1 and patience >= 0, got " + epochs
                    + " and " + patience);
        }
    }
}
