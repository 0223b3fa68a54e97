package org.conv4j.zoo.data;

/**
 * NumPy's legacy {@code np.random.RandomState(seed)} as far as Keras's file shuffling uses it: the
 * Mersenne Twister MT19937 seeded by init_genrand(seed), and {@code shuffle}, which swaps x[i] with
 * x[j] for i from n - 1 down to 1, j drawn by {@code random_interval(i)}: 32-bit outputs masked to
 * the smallest all-ones mask covering i, redrawn while above i. With it, a folder split with a
 * seed holds the same files as Keras's {@code image_dataset_from_directory} gives for that seed.
 */
final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** The next 32-bit output of MT19937, as an unsigned value. */
    long nextUint32() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    /** NumPy's random_interval(max): uniform in [0, max] by masked rejection. */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        for (int s = 1; s <= 16; s <<= 1) {
            mask |= mask >>> s;
        }
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** NumPy's RandomState.shuffle of a sequence, in place. */
    <T> void shuffle(java.util.List<T> x) {
        for (int i = x.size() - 1; i > 0; i--) {
            int j = (int) interval(i);
            T t = x.get(i);
            x.set(i, x.get(j));
            x.set(j, t);
        }
    }
}
