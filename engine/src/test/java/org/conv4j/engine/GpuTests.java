package org.conv4j.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.conv4j.engine.cuda.CudaBackend;
import org.conv4j.engine.cuda.CudaLibraries;

/**
 * What every gpu-tagged test starts with: the GPU backend, one per test JVM (so NVRTC compiles the
 * kernels once), or, where no GPU is usable, a skip of the calling test with the reason, which is
 * also printed once to standard error so that a skipped GPU suite is seen in the build log.
 */
public final class GpuTests {
    private static CudaBackend backend;
    private static boolean reported;

    private GpuTests() {}

    public static synchronized CudaBackend backend() {
        String problem = CudaLibraries.problem();
        if (problem != null && !reported) {
            reported = true;
            System.err.println("[gpu] gpu-tagged tests skipped: no usable GPU: " + problem);
        }
        assumeTrue(problem == null, () -> "no usable GPU: " + problem);
        if (backend == null) {
            backend = CudaBackend.create();
        }
        return backend;
    }
}
