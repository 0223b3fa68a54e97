package org.conv4j.layers.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.conv4j.engine.Tensor;

/**
 * The arguments of Keras's fit: epochs (1), batch size (32), shuffle (true), validation data or a
 * validation split (Keras's: the last fraction of the data, taken before shuffling), callbacks,
 * verbosity (0 silent, 1 progress bar on a terminal or one line per epoch otherwise, 2 one line per
 * epoch), and the seed of the shuffling (the model's seed unless given).
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private Long seed;
    private Tensor validationX;
    private Tensor validationY;
    private org.conv4j.layers.data.Dataset validationDataset;
    private double validationSplit;
    private final List<Callback> callbacks = new ArrayList<>();
    private int verbose = 1;
    private boolean cacheFrozenFeatures = true;
    private PrintStream out = System.out;

    public FitOptions epochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + n);
        }
        epochs = n;
        return this;
    }

    public FitOptions batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + n);
        }
        batchSize = n;
        return this;
    }

    public FitOptions shuffle(boolean s) {
        shuffle = s;
        return this;
    }

    public FitOptions seed(long s) {
        seed = s;
        return this;
    }

    public FitOptions validationData(Tensor x, Tensor y) {
        validationX = x;
        validationY = y;
        return this;
    }

    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + fraction);
        }
        validationSplit = fraction;
        return this;
    }

    public FitOptions callbacks(Callback... cs) {
        callbacks.addAll(List.of(cs));
        return this;
    }

    public FitOptions verbose(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + level);
        }
        verbose = level;
        return this;
    }

    /**
     * When every layer up to some point is frozen and deterministic (a frozen base before a head),
     * fit computes that point's outputs once and trains the rest on them (on by default; the
     * results are those of running the base every step).
     */
    public FitOptions cacheFrozenFeatures(boolean cache) {
        cacheFrozenFeatures = cache;
        return this;
    }

    public boolean cacheFrozenFeatures() {
        return cacheFrozenFeatures;
    }

    public FitOptions out(PrintStream stream) {
        out = stream;
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public Long seed() {
        return seed;
    }

    /** Validation batches from a dataset (with {@code Model.fit(Dataset, ...)} or tensors alike). */
    public FitOptions validationData(org.conv4j.layers.data.Dataset data) {
        validationDataset = data;
        return this;
    }

    public org.conv4j.layers.data.Dataset validationDataset() {
        return validationDataset;
    }

    public Tensor validationX() {
        return validationX;
    }

    public Tensor validationY() {
        return validationY;
    }

    public double validationSplit() {
        return validationSplit;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }

    public int verbose() {
        return verbose;
    }

    public PrintStream out() {
        return out;
    }
}
