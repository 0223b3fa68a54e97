package org.conv4j.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.conv4j.engine.ConvSpec;
import org.conv4j.engine.GpuTests;
import org.conv4j.engine.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Device tensors, transfers, the allocator on a real GPU and its errors. Skipped, with the reason, without a GPU. */
@Tag("gpu")
class CudaDeviceTest {
    private CudaBackend gpu;

    @BeforeEach
    void requireGpu() {
        gpu = GpuTests.backend();
    }

    @Test
    void tensorsGoToTheDeviceAndBack() {
        float[] values = new float[10_000_019];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        Tensor t = gpu.fromFloats(values, values.length);
        assertTrue(t.isOnDevice());
        assertEquals("cuda:0", t.deviceName());
        assertArrayEquals(values, t.toFloatArray(), "an upload and download larger than the staging buffer");
        Tensor copy = t.copy();
        gpu.scale(2, t, t);
        assertArrayEquals(values, copy.toFloatArray(), "a copy has storage of its own");
        Tensor host = Tensor.zeros(org.conv4j.engine.DType.F32, values.length);
        host.copyFrom(t);
        assertEquals(2 * values[12345], host.floats()[12345]);
        assertThrows(IllegalStateException.class, () -> t.get(0), "element access on a device tensor is refused");
        t.close();
        assertThrows(IllegalStateException.class, t::toFloatArray, "a closed tensor cannot be used");
        assertThrows(IllegalArgumentException.class, () -> gpu.add(host, host, copy), "host tensors are refused by name");
    }

    @Test
    void aTrainingLikeLoopStopsAllocatingAfterItsFirstStep() {
        ConvSpec spec = ConvSpec.same(32, 32, 3, 3, 2, 2, 1, 1, 1);
        long before = 0;
        for (int step = 0; step < 4; step++) {
            try (Tensor x = gpu.zeros(8, 3, 32, 32); Tensor w = gpu.zeros(16, 3, 3, 3); Tensor y = gpu.zeros(8, 16, 16, 16)) {
                gpu.conv2dForward(x, w, null, y, spec);
                gpu.conv2dBackwardData(y, w, x, spec);
                gpu.sum(y);
            }
            if (step == 1) {
                before = deviceAllocator().mallocs();
            }
        }
        assertEquals(before, deviceAllocator().mallocs(), "steps after the first are served from the cache");
    }

    /**
     * Through the allocator, since no tensor is large enough: tensors stop at 2^31 elements (8 GiB),
     * which a large GPU holds. 4 TiB is more than any GPU has.
     */
    @Test
    void outOfMemorySaysWhatWasAskedAndWhatIsFree() {
        DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class,
                () -> deviceAllocator().allocate(1L << 42));
        assertTrue(e.getMessage().contains("out of memory: asked for") && e.getMessage().contains("free of"), e.getMessage());
        assertTrue(e.getMessage().contains("--batch-size"), e.getMessage());
    }

    private CachingAllocator deviceAllocator() {
        return gpu.allocator();
    }
}
