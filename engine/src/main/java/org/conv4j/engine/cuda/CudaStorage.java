package org.conv4j.engine.cuda;

import java.lang.ref.Cleaner;
import org.conv4j.engine.DeviceStorage;

/**
 * {@code count} float32 values in a block of a {@link CudaDevice}'s caching allocator. The block
 * goes back to the allocator when the tensor is closed, or, for a tensor nobody closed, when the
 * JVM finds it unreachable (a {@link Cleaner}), whichever comes first.
 */
final class CudaStorage implements DeviceStorage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CudaDevice device;
    private final long address;
    private final long count;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean released;

    /** What the cleaner runs: gives the block back, once. Holds no reference to the storage itself. */
    private record Block(CachingAllocator allocator, long address, long bytes) implements Runnable {
        @Override
        public void run() {
            allocator.recycle(address, bytes);
        }
    }

    CudaStorage(CudaDevice device, long count) {
        this.device = device;
        this.count = count;
        long bytes = 4 * Math.max(1, count);
        this.address = device.allocator.allocate(bytes);
        this.cleanable = CLEANER.register(this, new Block(device.allocator, address, bytes));
    }

    /**
     * The device address of tensor {@code t}'s first value, for work queued by {@code owner}; a clear
     * error for a host tensor or one of another backend (whose stream and allocator do not order
     * their work with this one's).
     */
    static long addressOf(org.conv4j.engine.Tensor t, CudaDevice owner) {
        if (!t.isOnDevice() || !(t.storage() instanceof CudaStorage s) || s.device != owner) {
            throw new IllegalArgumentException("the CUDA backend on " + owner.name + " got a tensor " + t.shapeString()
                    + " of " + (t.isOnDevice() ? "another backend on " : "") + t.deviceName()
                    + ": create its tensors with this backend (zeros, fromFloats) or copy them there with copyFrom");
        }
        return s.address();
    }

    /** The device address of the first value. */
    long address() {
        if (released) {
            throw new IllegalStateException("a tensor on " + device.name + " was used after close()");
        }
        return address;
    }

    @Override
    public String device() {
        return device.name;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void download(float[] dst) {
        checkLength(dst.length);
        device.download(address(), dst);
    }

    @Override
    public void upload(float[] src) {
        checkLength(src.length);
        device.upload(address(), src, 0, count);
    }

    @Override
    public void copyFrom(DeviceStorage src) {
        if (!(src instanceof CudaStorage s) || s.device != device) {
            throw new IllegalArgumentException("cannot copy from " + src.device() + " to " + device.name + " directly");
        }
        checkLength(s.count);
        device.copy(address(), s.address(), 4 * count);
    }

    @Override
    public DeviceStorage duplicate() {
        CudaStorage copy = device.allocate(count);
        copy.copyFrom(this);
        return copy;
    }

    @Override
    public void release() {
        released = true;
        cleanable.clean();
    }

    private void checkLength(long n) {
        if (n != count) {
            throw new IllegalArgumentException("device tensor holds " + count + " values, the host side " + n);
        }
    }
}
