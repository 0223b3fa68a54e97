package org.conv4j.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The caching allocator's bookkeeping on a fake device of fixed capacity (no GPU needed). */
class CachingAllocatorTest {
    /** A device of {@code capacity} bytes handing out increasing addresses. */
    private static final class FakeDevice implements CachingAllocator.Device {
        final long capacity;
        long used;
        long next = 4096;
        int mallocs;
        int frees;
        int collections;
        final Set<Long> live = new HashSet<>();
        final java.util.Map<Long, Long> sizes = new java.util.HashMap<>();
        Runnable onCollect = () -> {};

        FakeDevice(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public long malloc(long bytes) {
            if (used + bytes > capacity) {
                return 0;
            }
            mallocs++;
            used += bytes;
            long a = next;
            next += bytes;
            live.add(a);
            sizes.put(a, bytes);
            return a;
        }

        @Override
        public void free(long address) {
            assertTrue(live.remove(address), "freed an address it never handed out, or twice");
            frees++;
            used -= sizes.remove(address);
        }

        @Override
        public long[] memoryInfo() {
            return new long[] {capacity - used, capacity};
        }

        @Override
        public void collectGarbage() {
            collections++;
            onCollect.run();
        }
    }

    @Test
    void sizesAreRoundedToTheirClass() {
        assertEquals(512, CachingAllocator.roundUp(1));
        assertEquals(512, CachingAllocator.roundUp(512));
        assertEquals(1024, CachingAllocator.roundUp(513));
        assertEquals(1 << 20, CachingAllocator.roundUp(1 << 20));
        assertEquals(2 << 20, CachingAllocator.roundUp((1 << 20) + 1));
        assertEquals(4 << 20, CachingAllocator.roundUp((2 << 20) + 1));
    }

    @Test
    void repeatedStepsReuseTheirBlocksWithoutTouchingTheDevice() {
        FakeDevice device = new FakeDevice(1L << 30);
        CachingAllocator allocator = new CachingAllocator(device, "fake:0");
        long[] sizes = {4 * 128 * 32 * 32 * 32, 4 * 10, 4 * 512 * 4096, 4 * 10};
        long[] first = new long[sizes.length];
        for (int step = 0; step < 5; step++) {
            long[] blocks = new long[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                blocks[i] = allocator.allocate(sizes[i]);
                if (step == 0) {
                    first[i] = blocks[i];
                }
            }
            assertNotEquals(blocks[1], blocks[3], "two live blocks never share an address");
            for (int i = 0; i < sizes.length; i++) {
                allocator.recycle(blocks[i], sizes[i]);
            }
        }
        assertEquals(4, device.mallocs, "only the first step asks the device");
        assertEquals(0, device.frees);
        assertEquals(0, allocator.inUse());
        assertEquals(device.used, allocator.cached());
    }

    @Test
    void whenTheDeviceIsFullCachedBlocksGoBackAndGarbageIsCollectedBeforeFailing() {
        FakeDevice device = new FakeDevice(8L << 20);
        CachingAllocator allocator = new CachingAllocator(device, "fake:0");
        long a = allocator.allocate(4L << 20);
        allocator.recycle(a, 4L << 20);
        long b = allocator.allocate(6L << 20);
        assertEquals(1, device.frees, "the cached 4 MiB block went back to make room");
        assertEquals(1, device.collections);

        long[] unreachable = {allocator.allocate(2L << 20)};
        device.onCollect = () -> {
            allocator.recycle(unreachable[0], 2L << 20);
            device.onCollect = () -> {};
        };
        long c = allocator.allocate(2L << 20);
        assertEquals(unreachable[0], c, "a block recycled by a cleaner during collection is handed out");

        DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class, () -> allocator.allocate(3L << 20));
        assertTrue(e.getMessage().contains("fake:0 is out of memory: asked for 4.0 MiB, 0.0 MiB free of 8.0 MiB (conv4j holds 8.0 MiB in tensors)"), e.getMessage());
        assertTrue(e.getMessage().contains("--batch-size"), e.getMessage());
        allocator.recycle(b, 6L << 20);
        allocator.recycle(c, 2L << 20);
        allocator.releaseCached();
        assertEquals(0, device.used);
        assertTrue(device.live.isEmpty());
    }
}
