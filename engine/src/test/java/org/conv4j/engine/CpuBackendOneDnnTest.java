package org.conv4j.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.conv4j.engine.cpu.ConvolutionPath;
import org.conv4j.engine.cpu.CpuBackend;

/**
 * The CPU backend on oneDNN's convolutions against the reference: {@link BackendOpSuite}, skipped
 * where oneDNN's library does not load.
 */
class CpuBackendOneDnnTest extends BackendOpSuite {
    @Override
    protected Backend backend() {
        assumeTrue(ConvolutionPath.oneDnnAvailable(), "oneDNN's native library did not load");
        return new CpuBackend(ConvolutionPath.oneDnnThreads(), ConvolutionPath.ONEDNN);
    }
}
