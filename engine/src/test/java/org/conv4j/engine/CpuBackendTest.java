package org.conv4j.engine;

import org.conv4j.engine.cpu.CpuBackend;

/** The CPU backend (two threads, so the work really is split) against the reference: {@link BackendOpSuite}. */
class CpuBackendTest extends BackendOpSuite {
    @Override
    protected Backend backend() {
        return new CpuBackend(2);
    }
}
