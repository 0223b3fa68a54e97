package org.conv4j.engine.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The one place that calls OpenBLAS (JavaCPP preset, natives in the jar). OpenBLAS runs
 * single-threaded: {@link CpuBackend} splits the work across threads itself, so small per-image
 * GEMMs run side by side instead of each waking OpenBLAS's own thread pool.
 */
final class Blas {
    private static volatile boolean loaded;

    private Blas() {}

    static synchronized void load() {
        if (!loaded) {
            try {
                openblas.blas_set_num_threads(1);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                throw new IllegalStateException("cannot load OpenBLAS through JavaCPP (org.bytedeco:openblas for "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        + "): build with -Djavacpp.platform=<your platform>, e.g. linux-arm64 or macosx-x86_64", e);
            }
            loaded = true;
        }
    }

    static String config() {
        load();
        return openblas.OPENBLAS_VERSION.trim() + " (JavaCPP preset; " + openblas.blas_get_num_threads()
                + " thread per call, the work split by conv4j)";
    }

    /** Row-major C(M,N) = alpha * op(A) * op(B) + beta * C on native memory, with leading dimensions. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      FloatPointer a, int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
