package org.conv4j.engine.cpu;

import java.util.Locale;

/**
 * How the CPU backend convolves. {@link #ONEDNN}: oneDNN's JIT convolutions ({@link DnnlConv}),
 * the fast path. {@link #IM2COL}: im2col + OpenBLAS SGEMM and direct depthwise loops
 * ({@link CpuConv}), the readable one, also taken where oneDNN cannot serve.
 */
public enum ConvolutionPath {
    ONEDNN, IM2COL;

    /** The environment variable that forces a path: {@code onednn} or {@code im2col}. */
    public static final String VARIABLE = "CONV4J_CPU_CONVOLUTION";

    /**
     * {@code $CONV4J_CPU_CONVOLUTION} when set; else oneDNN when {@link #whyNotOneDnn} finds nothing
     * against it, else im2col.
     */
    public static ConvolutionPath choose(int threads) {
        String forced = System.getenv(VARIABLE);
        if (forced != null && !forced.isBlank()) {
            return parse(forced);
        }
        return whyNotOneDnn(threads) == null ? ONEDNN : IM2COL;
    }

    /**
     * Why {@link #choose} would not pick oneDNN for a backend of {@code threads} threads, or null:
     * its library must load; its OpenMP threads (OMP_NUM_THREADS, else every core) must be the
     * backend's, since oneDNN cannot be told another count from here and a backend of one thread
     * must not compute on two; and OpenMP must wait passively (OMP_WAIT_POLICY=PASSIVE, which the
     * {@code conv4j} launcher sets), because by default its idle threads spin after every
     * convolution and take the cores from the pooling, activations and GEMMs that run next on the
     * backend's own threads: measured on the simple CNN's training, oneDNN spinning was slower
     * than im2col (757 against 803 images/s), and oneDNN waiting passively faster (988).
     */
    public static String whyNotOneDnn(int threads) {
        String cannot = whyOneDnnCannotRun(threads);
        if (cannot != null) {
            return cannot;
        }
        String policy = System.getenv("OMP_WAIT_POLICY");
        if (policy == null || !policy.trim().equalsIgnoreCase("passive")) {
            return "OpenMP's idle threads would spin (set OMP_WAIT_POLICY=PASSIVE, as the conv4j launcher does)";
        }
        return null;
    }

    /** Why oneDNN cannot serve a backend of {@code threads} threads at all (its library, its thread count), or null. */
    private static String whyOneDnnCannotRun(int threads) {
        if (!DnnlConv.available()) {
            Throwable root = DnnlConv.loadError();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "oneDNN's native library (org.bytedeco:dnnl) did not load (" + root + ")";
        }
        if (DnnlConv.threads() != threads) {
            return "oneDNN would compute with " + DnnlConv.threads() + " OpenMP threads (OMP_NUM_THREADS, else every core), "
                    + "the backend with " + threads + " (set OMP_NUM_THREADS=" + threads + ")";
        }
        return null;
    }

    public static ConvolutionPath parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "onednn", "dnnl" -> ONEDNN;
            case "im2col" -> IM2COL;
            default -> throw new IllegalArgumentException(VARIABLE + " must be onednn or im2col, not '" + name + "'");
        };
    }

    /** Whether oneDNN's native library loaded on this machine. */
    public static boolean oneDnnAvailable() {
        return DnnlConv.available();
    }

    /** The threads oneDNN computes with: OMP_NUM_THREADS, else every core. */
    public static int oneDnnThreads() {
        return DnnlConv.threads();
    }

    /** Throws, saying why and what to set, when oneDNN cannot serve a backend of {@code threads} threads. */
    static void requireOneDnn(int threads) {
        String cannot = whyOneDnnCannotRun(threads);
        if (cannot != null) {
            throw new IllegalStateException(cannot + "; or set " + VARIABLE + "=im2col", DnnlConv.loadError());
        }
    }
}
