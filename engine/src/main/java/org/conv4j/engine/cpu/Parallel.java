package org.conv4j.engine.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a range of work into one contiguous chunk per thread. The split is static (chunk t always
 * covers the same indices), so per-thread partial sums are added in the same order on every run:
 * the same seed gives the same numbers. A call made from inside a chunk runs serially.
 */
public final class Parallel {
    /** What one thread does: indices [start, end) as worker number {@code worker}. */
    @FunctionalInterface
    public interface Chunk {
        void run(int start, int end, int worker);
    }

    private final int threads;
    private final ExecutorService pool;
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    public Parallel(int threads) {
        this.threads = Math.max(1, threads);
        AtomicInteger count = new AtomicInteger();
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, r -> {
            Thread t = new Thread(r, "conv4j-cpu-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code chunk} over [0, n) split into at most {@link #threads()} parts; waits for all. */
    public void forRange(int n, Chunk chunk) {
        forRange(n, 1, chunk);
    }

    /** As {@link #forRange(int, Chunk)}, but runs serially when n is below {@code minPerThread * 2}. */
    public void forRange(int n, int minPerThread, Chunk chunk) {
        int parts = Math.min(threads, Math.max(1, n / Math.max(1, minPerThread)));
        if (parts <= 1 || INSIDE.get()) {
            chunk.run(0, n, 0);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int worker = t;
            futures[t - 1] = pool.submit(() -> runInside(chunk, bound(n, parts, worker), bound(n, parts, worker + 1), worker));
        }
        Throwable failure = null;
        try {
            runInside(chunk, 0, bound(n, parts, 1), 0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static void runInside(Chunk chunk, int start, int end, int worker) {
        INSIDE.set(true);
        try {
            chunk.run(start, end, worker);
        } finally {
            INSIDE.set(false);
        }
    }

    private static int bound(int n, int parts, int t) {
        return (int) ((long) n * t / parts);
    }
}
