package org.conv4j.engine;

/**
 * A counter-based random stream: the i-th number depends only on (seed, i), so it can be drawn in
 * any order, on any thread or device, and always comes out the same (the idea of Philox; the mixer
 * here is SplitMix64's finalizer, which is cheap and passes BigCrush on counters).
 */
public final class CounterRng {
    private CounterRng() {}

    /** A uniform double in [0, 1) for counter {@code i} of stream {@code seed}. */
    public static double uniform(long seed, long i) {
        return (mix(seed * 0xD1B54A32D192ED03L + i * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
