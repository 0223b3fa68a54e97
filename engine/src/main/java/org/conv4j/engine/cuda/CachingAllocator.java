package org.conv4j.engine.cuda;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * A caching device allocator, so that a training step calls neither cudaMalloc nor cudaFree once
 * the first step has run (both synchronize the device). Sizes are rounded up to a size class
 * (512 bytes below 1 MiB, 2 MiB above); a freed block goes to the free list of its class and the
 * next request of that class takes it. Every step asks for the same sizes, so every request after
 * the first step is served from the lists.
 *
 * <p>Reuse is safe without waiting because conv4j queues all work on one stream: a block freed
 * while a queued kernel still reads it is handed out again only to work queued after that kernel.
 * When the device is full, the allocator gives its cached blocks back to the device, asks the JVM
 * to collect unreachable tensors (their cleaners recycle their blocks), and tries again.
 *
 * <p>Thread-safe: tensors unreachable from Java are recycled from the cleaner's thread.
 */
final class CachingAllocator {
    static final long SMALL = 1L << 20;
    static final long SMALL_ROUNDING = 512;
    static final long LARGE_ROUNDING = 2L << 20;

    /** The raw device allocator underneath (cudaMalloc / cudaFree, or a fake in tests). */
    interface Device {
        /** The address of a new block of {@code bytes}, or 0 when the device has no room. */
        long malloc(long bytes);

        void free(long address);

        /** {free, total} bytes of the device, for the out-of-memory message. */
        long[] memoryInfo();

        /** Lets the JVM recycle blocks of unreachable tensors (System.gc and a short wait). */
        void collectGarbage();
    }

    private final Device device;
    private final String name;
    private final TreeMap<Long, ArrayDeque<Long>> free = new TreeMap<>();
    private long inUse;
    private long cached;
    private long mallocs;

    CachingAllocator(Device device, String name) {
        this.device = device;
        this.name = name;
    }

    /** The size class of a request: what {@link #allocate} really reserves. */
    static long roundUp(long bytes) {
        long unit = bytes <= SMALL ? SMALL_ROUNDING : LARGE_ROUNDING;
        return Math.max(unit, (bytes + unit - 1) / unit * unit);
    }

    /** The address of a block of at least {@code bytes}; give it back with {@link #recycle} and the same size. */
    long allocate(long bytes) {
        long size = roundUp(bytes);
        synchronized (this) {
            Long address = take(size);
            if (address != null) {
                return address;
            }
        }
        long address = device.malloc(size);
        if (address == 0) {
            synchronized (this) {
                releaseCached();
            }
            device.collectGarbage();
            synchronized (this) {
                Long recycled = take(size);
                if (recycled != null) {
                    return recycled;
                }
                releaseCached();
            }
            address = device.malloc(size);
        }
        if (address == 0) {
            long[] info = device.memoryInfo();
            throw new DeviceOutOfMemoryException(String.format(java.util.Locale.ROOT,
                    "%s is out of memory: asked for %s, %s free of %s (conv4j holds %s in tensors); "
                            + "try a smaller --batch-size or a smaller input size", name, mib(size), mib(info[0]),
                    mib(info[1]), mib(inUse())));
        }
        synchronized (this) {
            inUse += size;
            mallocs++;
        }
        return address;
    }

    private Long take(long size) {
        ArrayDeque<Long> list = free.get(size);
        if (list == null || list.isEmpty()) {
            return null;
        }
        cached -= size;
        inUse += size;
        return list.pop();
    }

    /** Takes back a block from {@link #allocate} of {@code bytes} (the size asked for), for reuse. */
    synchronized void recycle(long address, long bytes) {
        long size = roundUp(bytes);
        free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(address);
        inUse -= size;
        cached += size;
    }

    /** Gives a block from {@link #allocate} of {@code bytes} straight back to the device (a rare, large one). */
    synchronized void release(long address, long bytes) {
        device.free(address);
        inUse -= roundUp(bytes);
    }

    /** Gives every cached block back to the device. */
    synchronized void releaseCached() {
        for (Map.Entry<Long, ArrayDeque<Long>> e : free.entrySet()) {
            for (long address : e.getValue()) {
                device.free(address);
            }
        }
        free.clear();
        cached = 0;
    }

    synchronized long inUse() {
        return inUse;
    }

    synchronized long cached() {
        return cached;
    }

    /** How many times the device itself was asked for memory. */
    synchronized long mallocs() {
        return mallocs;
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
