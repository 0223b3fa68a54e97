package org.conv4j.engine;

import org.junit.jupiter.api.Tag;

/**
 * The CUDA backend against the reference: {@link BackendOpSuite} (cuDNN convolutions with every
 * geometry of the CPU's cases, asymmetric 'same' padding included; cuBLAS GEMM; conv4j's kernels).
 * Skipped, with the reason, where no GPU is usable.
 */
@Tag("gpu")
class CudaBackendTest extends BackendOpSuite {
    @Override
    protected Backend backend() {
        return GpuTests.backend();
    }
}
