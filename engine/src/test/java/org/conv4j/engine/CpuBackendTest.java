package org.conv4j.engine;

import org.conv4j.engine.cpu.ConvolutionPath;
import org.conv4j.engine.cpu.CpuBackend;

/**
 * The CPU backend on its readable im2col + GEMM convolutions (two threads, so the work really is
 * split) against the reference: {@link BackendOpSuite}.
 */
class CpuBackendTest extends BackendOpSuite {
    @Override
    protected Backend backend() {
        return new CpuBackend(2, ConvolutionPath.IM2COL);
    }
}
