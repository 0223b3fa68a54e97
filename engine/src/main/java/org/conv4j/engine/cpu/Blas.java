package org.conv4j.engine.cpu;

import static org.bytedeco.openblas.global.openblas_nolapack.*;

import org.bytedeco.javacpp.FloatPointer;

/**
 * The one place that calls OpenBLAS (JavaCPP preset, natives in the jar), through the preset's
 * BLAS-only binding: conv4j needs no LAPACK, and that binding's JNI library is 0.3 MB instead of
 * LAPACK's 24 MB, which the shaded jar and the GPU-check bundle leave out. OpenBLAS runs
 * single-threaded: {@link CpuBackend} splits the work across threads itself, so small per-image
 * GEMMs run side by side instead of each waking OpenBLAS's own thread pool.
 */
final class Blas {
    private static volatile boolean loaded;

    private Blas() {}

    static synchronized void load() {
        if (!loaded) {
            try {
                blas_set_num_threads(1);
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
        return OPENBLAS_VERSION.trim() + " (JavaCPP preset; " + blas_get_num_threads() + " thread per call, the work split by conv4j)";
    }

    /** Row-major C(M,N) = alpha * op(A) * op(B) + beta * C on native memory, with leading dimensions. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      FloatPointer a, int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
