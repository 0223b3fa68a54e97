package org.conv4j.layers.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.conv4j.layers.optimizers.Optimizer;

/** What Keras's compile fixes for training: the optimizer, the loss and the metrics (made fresh for each epoch and evaluation). */
public record Compilation(Optimizer optimizer, Loss loss, List<Supplier<Metric>> metrics) {
    public Compilation {
        metrics = List.copyOf(metrics);
    }

    /** Fresh instances of the metrics. */
    public List<Metric> newMetrics() {
        List<Metric> out = new ArrayList<>();
        for (Supplier<Metric> s : metrics) {
            out.add(s.get());
        }
        return out;
    }
}
