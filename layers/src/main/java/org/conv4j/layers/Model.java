package org.conv4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.data.Dataset;
import org.conv4j.layers.optimizers.Optimizer;
import org.conv4j.layers.train.Compilation;
import org.conv4j.layers.train.FitOptions;
import org.conv4j.layers.train.History;
import org.conv4j.layers.train.Loss;
import org.conv4j.layers.train.Metric;
import org.conv4j.layers.train.Trainer;

/**
 * Keras's Model: a {@link Graph} with Keras's compile, fit, evaluate and predict on top, as Caffe
 * puts a Solver beside its Net. The graph orders and runs the layers, the {@link Trainer} drives
 * the training, {@code ModelIO} reads and writes files; this facade ties them together, and none of
 * them imports it.
 */
public class Model extends Graph {
    private Compilation compilation;

    public Model(SymbolicTensor input, SymbolicTensor output) {
        this(List.of(input), output, null);
    }

    public Model(SymbolicTensor input, SymbolicTensor output, String name) {
        this(List.of(input), output, name);
    }

    public Model(List<SymbolicTensor> inputs, SymbolicTensor output, String name) {
        super(inputs, output, name);
    }

    /** For Sequential, which sets its graph as layers are added. */
    protected Model(String name) {
        super(name);
    }

    @Override
    public Model build(Backend b, long seed) {
        super.build(b, seed);
        return this;
    }

    // ---------------------------------------------------------------- Keras's compile / fit / evaluate / predict

    /**
     * Keras's compile: the optimizer, the loss and the metrics by Keras's names ("accuracy",
     * "binary_accuracy", "top_k_categorical_accuracy", "precision", "recall", "auc", ...; see
     * {@link Metric#of}). Takes the trainable state of every layer as it is now: later changes act at
     * the next compile, as in Keras.
     */
    public Model compile(Optimizer opt, Loss lossFunction, String... metricNames) {
        List<Supplier<Metric>> suppliers = new ArrayList<>();
        for (String m : metricNames) {
            Metric.of(m, lossFunction); // an unknown name fails here, not in the first epoch
            suppliers.add(() -> Metric.of(m, lossFunction));
        }
        return compile(opt, lossFunction, suppliers);
    }

    /** As {@link #compile(Optimizer, Loss, String...)}, with metrics made by {@code metrics} (such as {@code AUC::exact}). */
    public Model compile(Optimizer opt, Loss lossFunction, List<Supplier<Metric>> metrics) {
        if (backend() == null) {
            throw new IllegalStateException("model " + name() + " has no weights yet: call build(backend, seed) before compile");
        }
        snapshotTrainable();
        this.compilation = new Compilation(opt, lossFunction, metrics);
        opt.reset();
        return this;
    }

    /** What compile fixed, or null before compile. */
    public Compilation compilation() {
        return compilation;
    }

    public Optimizer optimizer() {
        return compilation == null ? null : compilation.optimizer();
    }

    public Loss loss() {
        return compilation == null ? null : compilation.loss();
    }

    /** The names of the compiled metrics, as the logs show them. */
    public List<String> metrics() {
        return compilation == null ? List.of() : compilation.newMetrics().stream().map(Metric::name).toList();
    }

    /** The trainer of the compiled model (fit, evaluate, single training steps). */
    public Trainer trainer() {
        if (compilation == null) {
            throw new IllegalStateException("model " + name() + " is not compiled: call compile(optimizer, loss, metrics) first");
        }
        return new Trainer(this, compilation);
    }

    /** Keras's fit on host tensors: x (N, C, H, W) or (N, F); y one-hot (N, K), class indices (N) or binary (N, 1). */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return trainer().fit(x, y, options);
    }

    /** Keras's evaluate: mean loss and metrics over (x, y) in inference mode. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return trainer().evaluate(x, y, batchSize);
    }

    /** Keras's predict: the outputs for x in inference mode, as a host float32 tensor. */
    public Tensor predict(Tensor x, int batchSize) {
        return Trainer.forPrediction(this).predict(x, batchSize);
    }

    /** Keras's fit on a dataset of batches: one pass per epoch, with the same callbacks, history and progress bar. */
    public History fit(Dataset data, FitOptions options) {
        return trainer().fit(data, options);
    }

    /** Keras's evaluate on a dataset: mean loss and metrics over one pass. */
    public Map<String, Double> evaluate(Dataset data) {
        return trainer().evaluate(data);
    }

    /** Keras's predict on a dataset: the outputs of one pass in its order. */
    public Tensor predict(Dataset data) {
        return Trainer.forPrediction(this).predict(data);
    }
}
