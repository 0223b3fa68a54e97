package org.conv4j.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.conv4j.engine.cuda.CudaBackend;
import org.conv4j.engine.cuda.CudaLibraries;

/**
 * What every gpu-tagged test starts with: the GPU backend, one per test JVM (so NVRTC compiles the
 * kernels once), or, where no GPU is usable, a skip of the calling test with the reason, which is
 * also printed once to standard error so that a skipped GPU suite is seen in the build log. Where
 * the libraries load but the backend fails to start, every test fails with that first error
 * instead of starting it again.
 */
public final class GpuTests {
    private static CudaBackend backend;
    /** Why the backend could not start, kept so that every later test fails at once with the first error. */
    private static RuntimeException startFailure;
    private static boolean reported;

    private GpuTests() {}

    public static synchronized CudaBackend backend() {
        String problem = CudaLibraries.problem();
        if (problem != null && !reported) {
            reported = true;
            System.err.println("[gpu] gpu-tagged tests skipped: no usable GPU: " + problem);
        }
        assumeTrue(problem == null, () -> "no usable GPU: " + problem);
        if (startFailure != null) {
            throw startFailure;
        }
        if (backend == null) {
            try {
                backend = CudaBackend.create();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return backend;
    }
}
