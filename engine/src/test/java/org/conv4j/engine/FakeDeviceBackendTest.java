package org.conv4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The op suite on device tensors (computed by the CPU): the suite itself reaches backend tensors
 * only as a GPU allows, so that {@link CudaBackendTest} measures the GPU and not the test. Also
 * the device side of {@link Tensor}.
 */
class FakeDeviceBackendTest extends BackendOpSuite {
    @Override
    protected Backend backend() {
        return FakeDeviceBackend.create();
    }

    @Test
    void deviceTensorsAreReachedOnlyThroughCopies() {
        Backend b = backend();
        Tensor t = b.fromFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals("fake:0", t.deviceName());
        assertThrows(IllegalStateException.class, t::floats);
        assertThrows(IllegalStateException.class, () -> t.get(0));
        assertThrows(IllegalStateException.class, () -> t.set(0, 1));
        Tensor view = t.reshape(3, 2);
        b.scale(2, view, view);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, t.toFloatArray(), "a view shares the device storage");
        Tensor copy = t.copy();
        Tensor host = Tensor.of(new double[] {1, 1, 1, 1, 1, 1}, 2, 3);
        t.copyFrom(host);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, copy.toFloatArray(), "a copy has storage of its own");
        host.copyFrom(copy);
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, host.doubles(), 0);
        t.copyFrom(copy);
        assertArrayEquals(copy.toFloatArray(), t.toFloatArray());
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, t.toDoubleArray(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add(t, host, t));
        assertEquals("a host tensor (2, 3) was passed to a device backend's op", e.getMessage());
        t.close();
        assertThrows(IllegalStateException.class, t::toFloatArray, "closing frees the storage for good");
    }
}
