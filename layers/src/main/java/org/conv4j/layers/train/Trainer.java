package org.conv4j.layers.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Graph;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Parameter;
import org.conv4j.layers.data.Batch;
import org.conv4j.layers.data.Dataset;
import org.conv4j.layers.io.GraphFiles;

/**
 * Keras's training loop for one compiled model: fit (shuffled mini-batches, forward, loss, backward,
 * optimizer step, running metrics, validation at the end of each epoch, callbacks), evaluate and
 * predict. Data arrives as host tensors: x (N, C, H, W) or (N, F); each batch is copied to the
 * backend and closed once its step is done (on a GPU its memory goes back to the allocator for the
 * next batch). Metrics of an epoch are running means over its samples, as in Keras.
 */
public final class Trainer {
    private final Graph model;
    private final Compilation compiled;
    private final Backend backend;
    /** The frozen stem whose outputs fit cached (see {@link Graph#frozenStemEnd}), or -1. */
    private int stem = -1;

    /** The trainer of {@code graph} with what compile fixed (the optimizer, the loss, the metrics). */
    public Trainer(Graph graph, Compilation compiled) {
        this.model = graph;
        this.compiled = compiled;
        this.backend = graph.backend();
        if (backend == null) {
            throw new IllegalStateException("model " + graph.name() + " has no weights yet: call build(backend, seed) first");
        }
    }

    /** A trainer that only predicts (no compile needed). */
    public static Trainer forPrediction(Graph graph) {
        return new Trainer(graph, null);
    }

    private int outputWidth() {
        int w = 1;
        for (int d : model.outputShape()) {
            w *= d;
        }
        return w;
    }

    private void checkInputs(Tensor x, Tensor y, String what) {
        int[] expected = model.inputShape();
        int[] got = x.shape();
        boolean ok = got.length == expected.length + 1;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = got[i + 1] == expected[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(what + ": model " + model.name() + " takes samples of shape "
                    + Layer.kerasShape(expected) + " (NCHW here), got data of shape " + x.shapeString());
        }
        if (y != null) {
            if (y.dim(0) != x.dim(0)) {
                throw new IllegalArgumentException(what + ": " + x.dim(0) + " samples but " + y.dim(0) + " labels");
            }
            compiled.loss().checkLabels(y, outputWidth());
        }
    }

    // ---------------------------------------------------------------- fit

    public History fit(Tensor x, Tensor y, FitOptions o) {
        checkInputs(x, y, "fit");
        Tensor trainX = x, trainY = y, valX = o.validationX(), valY = o.validationY();
        if (valX == null && o.validationSplit() > 0) {
            int split = (int) (x.dim(0) * (1 - o.validationSplit()));
            if (split == 0 || split == x.dim(0)) {
                throw new IllegalArgumentException("validation split " + o.validationSplit() + " of " + x.dim(0)
                        + " samples leaves " + (split == 0 ? "no training" : "no validation") + " samples");
            }
            trainX = rows(x, 0, split);
            trainY = rows(y, 0, split);
            valX = rows(x, split, x.dim(0));
            valY = rows(y, split, y.dim(0));
        }
        if (valX != null) {
            checkInputs(valX, valY, "validation data");
        }
        // a validation dataset is read as it comes, so it cannot meet a cached stem
        stem = o.cacheFrozenFeatures() && o.validationDataset() == null ? model.frozenStemEnd() : -1;
        Layer random = stem < 0 && o.cacheFrozenFeatures() && o.verbose() > 0 ? model.randomnessBeforeFrozenLayers() : null;
        if (random != null) {
            o.out().println("Frozen layers follow " + random.name() + " (" + random.className() + "), which draws anew every step: their "
                    + "outputs are computed every step, not cached");
        }
        if (stem >= 0) {
            long start = System.nanoTime();
            trainX = stemOutputs(trainX, o.batchSize());
            valX = valX == null ? null : stemOutputs(valX, o.batchSize());
            if (o.verbose() > 0) {
                o.out().printf(java.util.Locale.ROOT, "Frozen up to %s: its outputs %s computed once for %d images in %.1f s "
                        + "and reused every epoch (FitOptions.cacheFrozenFeatures(false) turns this off)%n",
                        model.graphLayer(stem).name(), Layer.kerasShape(model.graphLayer(stem).outputShape()),
                        trainX.dim(0) + (valX == null ? 0 : valX.dim(0)), (System.nanoTime() - start) / 1e9);
            }
        }
        try {
            return fitLoop(trainX, trainY, valX, valY, o);
        } finally {
            stem = -1;
        }
    }

    /** The outputs of the frozen stem for every sample of {@code x}, on the host. */
    private Tensor stemOutputs(Tensor x, int batchSize) {
        int n = x.dim(0);
        int[] perSample = model.graphLayer(stem).outputShape();
        int size = 1;
        for (int d : perSample) {
            size *= d;
        }
        if ((long) n * size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the frozen stem's outputs of " + n + " samples (" + size + " values each) are too many "
                    + "to cache in one array: give the data as a Dataset (cached per sample) or FitOptions.cacheFrozenFeatures(false)");
        }
        float[] out = new float[n * size];
        for (int start = 0; start < n; start += batchSize) {
            int[] rows = range(start, Math.min(n, start + batchSize));
            try (Tensor xb = gather(x, rows)) {
                float[] f = model.forwardTo(stem, xb, true).toFloatArray();
                System.arraycopy(f, 0, out, start * size, f.length);
            }
        }
        int[] shape = new int[perSample.length + 1];
        shape[0] = n;
        System.arraycopy(perSample, 0, shape, 1, perSample.length);
        return Tensor.of(out, shape);
    }

    private History fitLoop(Tensor trainX, Tensor trainY, Tensor valX, Tensor valY, FitOptions o) {
        int n = trainX.dim(0);
        if (n == 0) {
            throw new IllegalArgumentException("fit: no training samples");
        }
        Random rng = o.seed() != null ? new Random(o.seed()) : model.shuffleRandom();
        Feed train = new TensorFeed(trainX, trainY, Math.min(o.batchSize(), n), o.shuffle(), rng);
        Feed val = valX != null ? new TensorFeed(valX, valY, Math.min(o.batchSize(), n), false, null)
                : o.validationDataset() != null ? new DatasetFeed(o.validationDataset()) : null;
        return fitLoop(train, val, o);
    }

    /**
     * Keras's fit on a dataset: its batches as they come, one pass per epoch (the dataset does its
     * own shuffling); FitOptions' batch size, shuffle and validation split do not apply, validation
     * data may be tensors or a dataset.
     */
    public History fit(Dataset data, FitOptions o) {
        requireDataset(data, "fit");
        if (data.sampleCount() == 0) {
            throw new IllegalArgumentException("fit: the dataset has no samples");
        }
        Dataset valData = o.validationDataset();
        stem = o.cacheFrozenFeatures() ? model.frozenStemEnd() : -1;
        if (stem >= 0 && (!data.isDeterministic() || (valData != null && !valData.isDeterministic()))) {
            if (o.verbose() > 0) {
                o.out().println("The dataset augments its batches at random: the frozen layers' outputs are computed every step, not cached");
            }
            stem = -1;
        }
        try {
            Feed train, val = null;
            if (stem >= 0) {
                long start = System.nanoTime();
                train = stemFeatures(data, o, "training data");
                if (valData != null) {
                    val = stemFeatures(valData, o, "validation data");
                } else if (o.validationX() != null) {
                    val = new TensorFeed(stemOutputs(o.validationX(), o.batchSize()), o.validationY(), o.batchSize(), false, null);
                }
                if (o.verbose() > 0) {
                    o.out().printf(java.util.Locale.ROOT, "Frozen up to %s: its outputs %s computed once per sample in %.1f s "
                            + "and reused every epoch (FitOptions.cacheFrozenFeatures(false) turns this off)%n",
                            model.graphLayer(stem).name(), Layer.kerasShape(model.graphLayer(stem).outputShape()),
                            (System.nanoTime() - start) / 1e9);
                }
            } else {
                train = new DatasetFeed(data);
                val = o.validationX() != null ? new TensorFeed(o.validationX(), o.validationY(), o.batchSize(), false, null)
                        : valData != null ? new DatasetFeed(valData) : null;
            }
            return fitLoop(train, val, o);
        } finally {
            stem = -1;
        }
    }

    /**
     * The frozen stem's output and the label of each sample of a dataset, by sample index, from one
     * pass in the samples' order (labels as the dataset's maps leave them), as a feed; a progress
     * bar names {@code what} (the pass can take minutes for large images).
     */
    private CachedFeed stemFeatures(Dataset data, FitOptions o, String what) {
        Dataset inOrder = data.unshuffled();
        float[][] bySample = new float[inOrder.sourceSize()][], labels = new float[inOrder.sourceSize()][];
        int[] labelShape = null;
        java.util.Iterator<int[]> indices = inOrder.batchIndices(0).iterator();
        ProgressBar progress = o.verbose() == 0 ? null : new ProgressBar(o.out(), o.verbose() == 1 && ProgressBar.isInteractive(), 1);
        int steps = inOrder.batchesPerEpoch(), done = 0;
        long start = System.nanoTime();
        if (progress != null) {
            progress.begin("Computing the frozen layers' outputs for the " + what, steps);
        }
        try (Dataset.Pass pass = inOrder.pass(0)) {
            while (pass.hasNext()) {
                Batch b = pass.next();
                int[] rows = indices.next();
                labelShape = java.util.Arrays.copyOfRange(b.y().shape(), 1, b.y().rank());
                float[] y = b.y().toFloatArray();
                int labelSize = y.length / rows.length;
                try (Tensor xb = backend.fromFloats(b.x().floats(), b.x().shape())) {
                    float[] f = model.forwardTo(stem, xb, true).toFloatArray();
                    int size = f.length / rows.length;
                    for (int i = 0; i < rows.length; i++) {
                        bySample[rows[i]] = java.util.Arrays.copyOfRange(f, i * size, (i + 1) * size);
                        labels[rows[i]] = java.util.Arrays.copyOfRange(y, i * labelSize, (i + 1) * labelSize);
                    }
                }
                if (progress != null) {
                    progress.step(++done, Map.of());
                }
            }
        }
        if (progress != null) {
            progress.epochEnd(Map.of(), (System.nanoTime() - start) / 1e9, steps);
        }
        return new CachedFeed(data, bySample, labels, labelShape);
    }

    private History fitLoop(Feed train, Feed val, FitOptions o) {
        int steps = train.steps();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        callbacks.add(new TerminateOnNaN());
        Control control = new Control(o.out());
        ProgressBar progress = o.verbose() == 0 ? null
                : new ProgressBar(o.out(), o.verbose() == 1 && ProgressBar.isInteractive(), o.epochs());
        List<Parameter> trained = model.weightsTrainedNow();
        History history = new History();
        int width = outputWidth();

        callbacks.forEach(c -> c.onTrainBegin(control));
        for (int epoch = 0; epoch < o.epochs() && !control.stop; epoch++) {
            final int e = epoch;
            callbacks.forEach(c -> c.onEpochBegin(control, e));
            if (progress != null) {
                progress.epochBegin(epoch, steps);
            }
            long start = System.nanoTime();
            double lr = compiled.optimizer().learningRate();
            double lossSum = 0;
            long seen = 0;
            List<Metric> metrics = compiled.newMetrics();
            Map<String, Double> logs = new LinkedHashMap<>();
            try (Feed.Epoch batches = train.epoch(epoch)) {
                for (int step = 0; step < steps && !control.stop && batches.hasNext(); step++) {
                    Batch b = batches.next();
                    int rows = b.size();
                    try (Tensor xb = toBackend(b.x()); Tensor target = compiled.loss().targets(backend, b.y(), range(0, rows), width)) {
                        Loss.Value v = trainStep(xb, target, trained);
                        lossSum += v.loss() * rows;
                        seen += rows;
                        logs.put("loss", lossSum / seen);
                        update(metrics, v, target, rows, width);
                        for (Metric m : metrics) {
                            logs.put(m.name(), m.result());
                        }
                    }
                    if (progress != null) {
                        progress.step(step + 1, logs);
                    }
                    final int s = step;
                    callbacks.forEach(c -> c.onBatchEnd(control, s, logs));
                }
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            if (val != null) {
                Map<String, Double> scores = evaluate(val);
                scores.forEach((k, value) -> logs.put("val_" + k, value));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (progress != null) {
                progress.epochEnd(logs, seconds, steps);
            }
            callbacks.forEach(c -> c.onEpochEnd(control, e, logs));
            Map<String, Double> record = new LinkedHashMap<>(logs);
            record.put("lr", lr);
            record.put("seconds", seconds);
            record.put("train_seconds", trainSeconds);
            history.record(record);
        }
        callbacks.forEach(c -> c.onTrainEnd(control));
        return history;
    }

    /**
     * One training step on a batch already on the backend: forward in training mode, loss, backward
     * (from the logits when the loss fuses with the output activation), one optimizer update of
     * {@code trained}. Returns the batch's loss and the probabilities it saw.
     */
    public Loss.Value trainStep(Tensor xb, Tensor target, List<Parameter> trained) {
        model.setTrainingStep(compiled.optimizer().iterations());
        Tensor out = forward(xb, true);
        Loss.Value v = compiled.loss().compute(backend, model.outputLayer(), out, target);
        if (v.gradientOfLogits()) {
            model.backwardFromLogits(v.gradient());
        } else {
            model.backward(v.gradient());
        }
        double penalty = 0;
        for (Parameter p : trained) {
            if (p.regularizer() != null) {
                penalty += p.regularizer().penalty(backend, p.value());
                p.regularizer().addGradient(backend, p.value(), p.grad());
            }
        }
        compiled.optimizer().apply(backend, trained);
        return penalty == 0 ? v : new Loss.Value(v.loss() + penalty, v.gradient(), v.gradientOfLogits(), v.probabilities());
    }

    /** The weight penalties (Keras's regularization losses) of the weights that train, added to every reported loss. */
    private double penalty() {
        double sum = 0;
        for (Parameter p : model.weightsTrainedNow()) {
            if (p.regularizer() != null) {
                sum += p.regularizer().penalty(backend, p.value());
            }
        }
        return sum;
    }

    private static int[] order(int n, boolean shuffle, Random rng) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    // ---------------------------------------------------------------- evaluate and predict

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        checkBatchSize(batchSize);
        checkInputs(x, y, "evaluate");
        return evaluateChecked(x, y, batchSize);
    }

    /** The model's output for a batch: from the input, or from the cached stem outputs during a cached fit. */
    private Tensor forward(Tensor xb, boolean training) {
        return stem < 0 ? model.forward(xb, training) : model.forwardFrom(stem, xb, training);
    }

    /** As {@link #forward} in inference mode, for evaluation: no backward follows, so the model fuses what it can. */
    private Tensor infer(Tensor xb) {
        return stem < 0 ? model.forwardInference(xb) : model.forwardInferenceFrom(stem, xb);
    }

    private Map<String, Double> evaluateChecked(Tensor x, Tensor y, int batchSize) {
        return evaluate(new TensorFeed(x, y, batchSize, false, null));
    }

    /** Keras's evaluate on a dataset: loss and metrics over one pass. */
    public Map<String, Double> evaluate(Dataset data) {
        requireDataset(data, "evaluate");
        return evaluate(new DatasetFeed(data));
    }

    private Map<String, Double> evaluate(Feed feed) {
        int width = outputWidth();
        double lossSum = 0;
        long seen = 0;
        List<Metric> metrics = compiled.newMetrics();
        try (Feed.Epoch batches = feed.epoch(0)) {
            while (batches.hasNext()) {
                Batch b = batches.next();
                int rows = b.size();
                try (Tensor xb = toBackend(b.x()); Tensor target = compiled.loss().targets(backend, b.y(), range(0, rows), width)) {
                    Loss.Value v = compiled.loss().compute(backend, model.outputLayer(), infer(xb), target);
                    lossSum += v.loss() * rows;
                    seen += rows;
                    update(metrics, v, target, rows, width);
                }
            }
        }
        if (seen == 0) {
            throw new IllegalArgumentException("evaluate: no samples");
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("loss", lossSum / seen + penalty());
        for (Metric m : metrics) {
            result.put(m.name(), m.result());
        }
        return result;
    }

    /** Adds a batch to every metric (its probabilities and targets read once to the host). */
    private static void update(List<Metric> metrics, Loss.Value v, Tensor target, int rows, int width) {
        if (metrics.isEmpty()) {
            return;
        }
        float[] p = v.probabilities().toFloatArray(), t = target.toFloatArray();
        for (Metric m : metrics) {
            m.update(p, t, rows, width);
        }
    }

    public Tensor predict(Tensor x, int batchSize) {
        checkBatchSize(batchSize);
        checkInputs(x, null, "predict");
        int n = x.dim(0);
        int[] outShape = model.outputShape();
        int width = outputWidth();
        float[] result = new float[n * width];
        for (int start = 0; start < n; start += batchSize) {
            int[] rows = range(start, Math.min(n, start + batchSize));
            try (Tensor xb = gather(x, rows)) {
                float[] o = model.forwardInference(xb).toFloatArray();
                System.arraycopy(o, 0, result, start * width, o.length);
            }
        }
        int[] shape = new int[outShape.length + 1];
        shape[0] = n;
        System.arraycopy(outShape, 0, shape, 1, outShape.length);
        return Tensor.of(result, shape);
    }

    /** Keras's predict on a dataset: the outputs of one pass, in its order (its labels are not read). */
    public Tensor predict(Dataset data) {
        requireDataset(data, "predict");
        int width = outputWidth();
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        try (Feed.Epoch batches = new DatasetFeed(data).epoch(0)) {
            while (batches.hasNext()) {
                Batch b = batches.next();
                try (Tensor xb = toBackend(b.x())) {
                    parts.add(model.forwardInference(xb).toFloatArray());
                    n += b.size();
                }
            }
        }
        float[] result = new float[n * width];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, result, at, p.length);
            at += p.length;
        }
        int[] outShape = model.outputShape();
        int[] shape = new int[outShape.length + 1];
        shape[0] = n;
        System.arraycopy(outShape, 0, shape, 1, outShape.length);
        return Tensor.of(result, shape);
    }

    /** A dataset's batches are checked against the model's input as they come (maps may change their shape). */
    private static void requireDataset(Dataset data, String what) {
        if (data == null) {
            throw new IllegalArgumentException(what + ": no dataset given");
        }
    }

    /** A host batch on the backend: the model's input, or the frozen stem's output during a cached fit. */
    private Tensor toBackend(Tensor hostBatch) {
        int[] expected = stem < 0 ? model.inputShape() : model.graphLayer(stem).outputShape();
        int[] got = hostBatch.shape();
        boolean ok = got.length == expected.length + 1;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = got[i + 1] == expected[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("model " + model.name() + " expects batches of " + Layer.kerasShape(expected)
                    + ", the data gives " + hostBatch.shapeString() + " (NCHW)");
        }
        return backend.fromFloats(hostBatch.floats(), got);
    }

    // ---------------------------------------------------------------- where batches come from

    /** The batches of one epoch: host tensors gathered by a shuffled order, or a dataset's pass. */
    private interface Feed {
        int steps();

        Epoch epoch(int epoch);

        interface Epoch extends java.util.Iterator<Batch>, AutoCloseable {
            @Override
            void close();
        }
    }

    /** Host tensors in batches, shuffled each epoch by {@code rng} as Keras's fit shuffles arrays. */
    private static final class TensorFeed implements Feed {
        private final Tensor x;
        private final Tensor y;
        private final int batch;
        private final boolean shuffle;
        private final Random rng;

        TensorFeed(Tensor x, Tensor y, int batch, boolean shuffle, Random rng) {
            this.x = x;
            this.y = y;
            this.batch = Math.max(1, batch);
            this.shuffle = shuffle;
            this.rng = rng;
        }

        @Override
        public int steps() {
            return (x.dim(0) + batch - 1) / batch;
        }

        @Override
        public Epoch epoch(int epoch) {
            int[] order = order(x.dim(0), shuffle, rng);
            return new Epoch() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < order.length;
                }

                @Override
                public Batch next() {
                    int[] rows = java.util.Arrays.copyOfRange(order, next, Math.min(order.length, next + batch));
                    next += rows.length;
                    return new Batch(hostRows(x, rows), hostRows(y, rows));
                }

                @Override
                public void close() {}
            };
        }
    }

    /** A dataset's pass per epoch. */
    private static final class DatasetFeed implements Feed {
        private final Dataset data;

        DatasetFeed(Dataset data) {
            this.data = data;
        }

        @Override
        public int steps() {
            return data.batchesPerEpoch();
        }

        @Override
        public Epoch epoch(int epoch) {
            Dataset.Pass pass = data.pass(epoch);
            return new Epoch() {
                @Override
                public boolean hasNext() {
                    return pass.hasNext();
                }

                @Override
                public Batch next() {
                    return pass.next();
                }

                @Override
                public void close() {
                    pass.close();
                }
            };
        }
    }

    /** A dataset's batches in its order for each epoch, their values the cached stem outputs of their samples. */
    private final class CachedFeed implements Feed {
        private final Dataset data;
        private final float[][] bySample;
        private final float[][] labels;
        private final int[] labelShape;
        private final int[] shape;

        CachedFeed(Dataset data, float[][] bySample, float[][] labels, int[] labelShape) {
            this.data = data;
            this.bySample = bySample;
            this.labels = labels;
            this.labelShape = labelShape;
            this.shape = model.graphLayer(stem).outputShape();
        }

        @Override
        public int steps() {
            return data.batchesPerEpoch();
        }

        @Override
        public Epoch epoch(int epoch) {
            java.util.Iterator<int[]> batches = data.batchIndices(epoch).iterator();
            return new Epoch() {
                @Override
                public boolean hasNext() {
                    return batches.hasNext();
                }

                @Override
                public Batch next() {
                    int[] rows = batches.next();
                    int size = bySample[rows[0]].length;
                    float[] x = new float[rows.length * size];
                    for (int i = 0; i < rows.length; i++) {
                        System.arraycopy(bySample[rows[i]], 0, x, i * size, size);
                    }
                    int labelSize = labels[rows[0]].length;
                    float[] y = new float[rows.length * labelSize];
                    for (int i = 0; i < rows.length; i++) {
                        System.arraycopy(labels[rows[i]], 0, y, i * labelSize, labelSize);
                    }
                    return new Batch(Tensor.of(x, withBatch(rows.length, shape)), Tensor.of(y, withBatch(rows.length, labelShape)));
                }

                @Override
                public void close() {}
            };
        }
    }

    private static int[] withBatch(int n, int[] perSample) {
        int[] s = new int[perSample.length + 1];
        s[0] = n;
        System.arraycopy(perSample, 0, s, 1, perSample.length);
        return s;
    }

    /** The given samples of host tensor {@code t}, as a host tensor. */
    private static Tensor hostRows(Tensor t, int[] rows) {
        int sample = t.size() / t.dim(0);
        float[] out = new float[rows.length * sample];
        if (t.dtype() == org.conv4j.engine.DType.F32) {
            float[] src = t.floats();
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(src, rows[r] * sample, out, r * sample, sample);
            }
        } else {
            for (int r = 0; r < rows.length; r++) {
                for (int i = 0; i < sample; i++) {
                    out[r * sample + i] = (float) t.get(rows[r] * sample + i);
                }
            }
        }
        int[] shape = t.shape();
        shape[0] = rows.length;
        return Tensor.of(out, shape);
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** The given samples of host tensor {@code x}, as one batch on the backend. */
    private Tensor gather(Tensor x, int[] rows) {
        Tensor host = hostRows(x, rows);
        return backend.fromFloats(host.floats(), host.shape());
    }

    /** Samples [from, to) of a host tensor, copied. */
    static Tensor rows(Tensor t, int from, int to) {
        int sample = t.size() / t.dim(0);
        int[] shape = t.shape();
        shape[0] = to - from;
        Tensor out = Tensor.zeros(t.dtype(), shape);
        if (t.dtype() == org.conv4j.engine.DType.F32) {
            System.arraycopy(t.floats(), from * sample, out.floats(), 0, out.size());
        } else {
            System.arraycopy(t.doubles(), from * sample, out.doubles(), 0, out.size());
        }
        return out;
    }

    /** What callbacks see of this run. */
    private final class Control implements TrainingControl {
        private final PrintStream out;
        private boolean stop;

        Control(PrintStream out) {
            this.out = out;
        }

        @Override
        public void stopTraining() {
            stop = true;
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }

        @Override
        public double learningRate() {
            return compiled.optimizer().learningRate();
        }

        @Override
        public void setLearningRate(double learningRate) {
            compiled.optimizer().setLearningRate(learningRate);
        }

        @Override
        public List<float[]> getWeights() {
            return model.getWeights();
        }

        @Override
        public void setWeights(List<float[]> weights) {
            model.setWeights(weights);
        }

        @Override
        public void saveModel(Path file) throws IOException {
            GraphFiles.save(model, file);
        }

        @Override
        public void saveWeights(Path file) throws IOException {
            GraphFiles.saveWeights(model, file);
        }

        @Override
        public PrintStream out() {
            return out;
        }
    }
}
