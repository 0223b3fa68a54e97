package org.conv4j.layers.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.conv4j.engine.Tensor;

/**
 * A stream of (images, labels) batches, in the spirit of tf.data: made from {@link Samples}
 * (tensors, decoded images, files), then in this order {@link #shuffle} (seeded, a new order every
 * epoch, as Keras's fit sees a reshuffling dataset), {@link #batch}, {@link #map} (a function of a
 * whole batch: resizing, augmentation, normalisation), {@link #skip} / {@link #take} (of samples
 * before batch, of batches after), {@link #cache} (samples read once, kept in memory) and
 * {@link #prefetch} (batches made ahead on background threads, so reading and mapping overlap the
 * training step). Each call returns a new dataset; a dataset holds no batch, so memory stays at
 * the prefetched batches whatever the size of the data.
 *
 * <p>A batch that fails (a map that throws, a file that cannot be read) fails the pass with that
 * error when it is reached, never a hang; closing a pass ({@link Pass#close}) stops its threads.
 */
public final class Dataset {
    private final Samples samples;
    private final int[] subset;          // sample indices of a pass, before shuffling; null for all
    private final Long shuffleSeed;
    private final int batchSize;         // 0 until batch()
    private final List<UnaryOperator<Batch>> maps;
    private final int skipBatches;
    private final int takeBatches;       // -1 for all
    private final int prefetch;
    private final int threads;
    private boolean randomMaps;   // set by augment(): the batches are not a function of the samples alone

    private Dataset(Samples samples, int[] subset, Long shuffleSeed, int batchSize, List<UnaryOperator<Batch>> maps,
                    int skipBatches, int takeBatches, int prefetch, int threads) {
        this.samples = samples;
        this.subset = subset;
        this.shuffleSeed = shuffleSeed;
        this.batchSize = batchSize;
        this.maps = List.copyOf(maps);
        this.skipBatches = skipBatches;
        this.takeBatches = takeBatches;
        this.prefetch = prefetch;
        this.threads = threads;
    }

    public static Dataset fromSamples(Samples samples) {
        return new Dataset(samples, null, null, 0, List.of(), 0, -1, 0, 0);
    }

    /** The samples of host tensors x (N, ...) and y (N) or (N, K), read in place (Keras's from_tensor_slices). */
    public static Dataset fromTensors(Tensor x, Tensor y) {
        return fromSamples(new TensorSamples(x, y));
    }

    private Dataset with(int[] subset, Long shuffleSeed, int batchSize, List<UnaryOperator<Batch>> maps, int skip, int take,
                         int prefetch, int threads) {
        Dataset d = new Dataset(samples, subset, shuffleSeed, batchSize, maps, skip, take, prefetch, threads);
        d.randomMaps = randomMaps;
        return d;
    }

    private void requireNotBatched(String what) {
        if (batchSize > 0) {
            throw new IllegalStateException("dataset: " + what + " acts on samples; call it before batch()");
        }
    }

    /** A new order of the samples every epoch, drawn from {@code seed} and the epoch number. */
    public Dataset shuffle(long seed) {
        requireNotBatched("shuffle");
        return with(subset, seed, batchSize, maps, skipBatches, takeBatches, prefetch, threads);
    }

    /** Batches of {@code size} samples; the last one holds what is left (Keras's drop_remainder=False). */
    public Dataset batch(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("dataset: batch size must be >= 1, got " + size);
        }
        requireNotBatched("batch");
        return with(subset, shuffleSeed, size, maps, 0, -1, prefetch, threads);
    }

    /**
     * Applies {@code f} to every batch (on the prefetch threads when there are some). {@code f} must
     * be a function of the batch alone (resizing, rescaling), so a frozen base's outputs can be
     * cached; random augmentation goes through {@link #augment}.
     */
    public Dataset map(UnaryOperator<Batch> f) {
        requireBatched("map");
        List<UnaryOperator<Batch>> m = new ArrayList<>(maps);
        m.add(f);
        return with(subset, shuffleSeed, batchSize, m, skipBatches, takeBatches, prefetch, threads);
    }

    /** As {@link #map}, for a function that draws random numbers (augmentation): no cached features for this dataset. */
    public Dataset augment(UnaryOperator<Batch> f) {
        Dataset d = map(f);
        d.randomMaps = true;
        return d;
    }

    /** True when every batch is a function of its samples alone (no {@link #augment}). */
    public boolean isDeterministic() {
        return !randomMaps;
    }

    /** The same dataset in the samples' own order (its shuffling left out). */
    public Dataset unshuffled() {
        return with(subset, null, batchSize, maps, skipBatches, takeBatches, prefetch, threads);
    }

    /** The first {@code n} samples (before batch) or batches (after). */
    public Dataset take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("dataset: take needs n >= 0, got " + n);
        }
        if (batchSize == 0) {
            return with(range(indices(), 0, n), shuffleSeed, 0, maps, 0, -1, prefetch, threads);
        }
        int take = takeBatches < 0 ? n : Math.min(n, takeBatches);
        return with(subset, shuffleSeed, batchSize, maps, skipBatches, take, prefetch, threads);
    }

    /** All but the first {@code n} samples (before batch) or batches (after). */
    public Dataset skip(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("dataset: skip needs n >= 0, got " + n);
        }
        if (batchSize == 0) {
            int[] all = indices();
            return with(range(all, Math.min(n, all.length), all.length), shuffleSeed, 0, maps, 0, -1, prefetch, threads);
        }
        int take = takeBatches < 0 ? -1 : Math.max(0, takeBatches - n);
        return with(subset, shuffleSeed, batchSize, maps, skipBatches + n, take, prefetch, threads);
    }

    /** Keeps every sample in memory once read (decoded images, files): later epochs read no file. */
    public Dataset cache() {
        requireNotBatched("cache");
        if (samples instanceof CachedSamples) {
            return this;
        }
        return new Dataset(new CachedSamples(samples), subset, shuffleSeed, batchSize, maps, skipBatches, takeBatches, prefetch, threads);
    }

    /**
     * Keeps every sample in {@code file} once read (for sets too large for memory; put it under the
     * run folder): later epochs read the file instead of decoding again.
     */
    public Dataset cache(java.nio.file.Path file) {
        requireNotBatched("cache");
        Dataset d = new Dataset(new FileCachedSamples(samples, file), subset, shuffleSeed, batchSize, maps, skipBatches, takeBatches,
                prefetch, threads);
        d.randomMaps = randomMaps;
        return d;
    }

    /** Makes up to {@code batches} batches ahead on one background thread. */
    public Dataset prefetch(int batches) {
        return prefetch(batches, 1);
    }

    /** Makes up to {@code batches} batches ahead on {@code threads} background threads (reading and maps in parallel). */
    public Dataset prefetch(int batches, int threads) {
        requireBatched("prefetch");
        if (batches < 1 || threads < 1) {
            throw new IllegalArgumentException("dataset: prefetch needs batches >= 1 and threads >= 1, got " + batches + ", " + threads);
        }
        return with(subset, shuffleSeed, batchSize, maps, skipBatches, takeBatches, Math.max(batches, threads), threads);
    }

    private void requireBatched(String what) {
        if (batchSize == 0) {
            throw new IllegalStateException("dataset: " + what + " acts on batches; call batch(n) first");
        }
    }

    private int[] indices() {
        if (subset != null) {
            return subset.clone();
        }
        int[] all = new int[samples.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    private static int[] range(int[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, Math.min(to, a.length));
    }

    /** Samples in one pass (after take/skip of samples; before those of batches). */
    public int sampleCount() {
        return subset != null ? subset.length : samples.size();
    }

    /** Batches in one pass. */
    public int batchesPerEpoch() {
        requireBatched("counting batches");
        int total = (sampleCount() + batchSize - 1) / batchSize;
        int left = Math.max(0, total - skipBatches);
        return takeBatches < 0 ? left : Math.min(left, takeBatches);
    }

    /** The per-sample shape of the values, before any map. */
    public int[] sampleShape() {
        return samples.shape();
    }

    /** One pass over the batches for epoch {@code epoch} (the shuffling depends on it). Close it when done. */
    public Pass pass(int epoch) {
        return new Pass(order(epoch));
    }

    /**
     * The samples of each batch of the pass for {@code epoch}, by their index in the samples (nothing
     * read, no map applied): what a trainer with cached features of each sample needs.
     */
    public List<int[]> batchIndices(int epoch) {
        int[] order = order(epoch);
        int total = (order.length + batchSize - 1) / batchSize, first = Math.min(skipBatches, total);
        int end = takeBatches < 0 ? total : Math.min(total, first + takeBatches);
        List<int[]> out = new ArrayList<>();
        for (int b = first; b < end; b++) {
            out.add(java.util.Arrays.copyOfRange(order, b * batchSize, Math.min(order.length, (b + 1) * batchSize)));
        }
        return out;
    }

    /** The number of samples the indices of {@link #batchIndices} range over. */
    public int sourceSize() {
        return samples.size();
    }

    private int[] order(int epoch) {
        requireBatched("a pass");
        int[] order = indices();
        if (shuffleSeed != null) {
            Random rng = new Random(shuffleSeed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Batch {@code b} of a pass: its samples read, then every map applied. */
    private Batch make(int[] order, int b) {
        int from = b * batchSize, to = Math.min(order.length, from + batchSize), n = to - from;
        int[] shape = samples.shape(), labelShape = samples.labelShape();
        int size = Samples.count(shape), labelSize = Samples.count(labelShape);
        float[] x = new float[n * size], y = new float[n * labelSize];
        for (int i = 0; i < n; i++) {
            samples.read(order[from + i], x, i * size);
            samples.readLabel(order[from + i], y, i * labelSize);
        }
        Batch batch = new Batch(Tensor.of(x, withBatch(n, shape)), Tensor.of(y, withBatch(n, labelShape)));
        for (UnaryOperator<Batch> f : maps) {
            batch = f.apply(batch);
        }
        return batch;
    }

    private static int[] withBatch(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** One pass over a dataset's batches, in order; with prefetching, batches ahead are made on background threads. */
    public final class Pass implements Iterator<Batch>, AutoCloseable {
        private final int[] order;
        private final int end;
        private int next;
        private int submitted;
        private final ExecutorService pool;
        private final Deque<Future<Batch>> ahead = new ArrayDeque<>();

        private Pass(int[] order) {
            this.order = order;
            int total = (order.length + batchSize - 1) / batchSize;
            this.next = Math.min(skipBatches, total);
            this.end = takeBatches < 0 ? total : Math.min(total, next + takeBatches);
            this.submitted = next;
            this.pool = prefetch == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "conv4j-dataset");
                t.setDaemon(true);
                return t;
            });
            fill();
        }

        private void fill() {
            while (pool != null && submitted < end && ahead.size() < prefetch) {
                int b = submitted++;
                ahead.add(pool.submit(() -> make(order, b)));
            }
        }

        @Override
        public boolean hasNext() {
            return next < end;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the pass is over");
            }
            int b = next++;
            if (pool == null) {
                return make(order, b);
            }
            Future<Batch> f = ahead.removeFirst();
            fill();
            try {
                return f.get();
            } catch (ExecutionException e) {
                close();
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("dataset: batch " + b + " failed: " + cause, cause);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dataset: interrupted while waiting for batch " + b, e);
            }
        }

        @Override
        public void close() {
            if (pool != null) {
                ahead.forEach(f -> f.cancel(false)); // no interrupts: a FileChannel a worker reads would close for good
                ahead.clear();
                pool.shutdown();
            }
        }
    }
}
