package org.conv4j.engine.cuda;

import static org.bytedeco.cuda.global.cudart.*;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One GPU as conv4j uses it: its stream (all work of a backend is queued on it, in order), its
 * caching allocator, and two page-locked staging buffers through which data enters and leaves.
 * Uploads return without waiting for the copy; a download waits for the stream to reach it.
 * Uploads take the two buffers in turn, each waiting only for the copy that last used it, so the
 * batch and the labels of a step go up without waiting for the GPU to finish the previous step.
 */
final class CudaDevice {
    /** Transfers larger than this go through the staging buffer in pieces. */
    private static final long STAGING_FLOATS = 4L << 20;
    private static final ThreadLocal<CudaDevice> CURRENT = new ThreadLocal<>();

    final int id;
    final String name;
    final CUstream_st stream;
    final CachingAllocator allocator;
    final int multiprocessors;
    final int computeMajor;
    final int computeMinor;
    private final Staging[] staging;
    private int nextStaging;

    /** A page-locked buffer and the event recorded after the last copy that used it. */
    private static final class Staging {
        final CUevent_st free = Cuda.createEvent(false);
        FloatPointer buffer;
        long floats;

        /** Waits until the last copy through this buffer is done, grows it to {@code n} floats, returns it. */
        FloatPointer take(long n) {
            Cuda.waitFor(free);
            if (n > floats) {
                if (buffer != null) {
                    Cuda.freeHost(buffer.address());
                }
                long grown = Math.min(STAGING_FLOATS, Math.max(n, 2 * floats));
                buffer = new FloatPointer(new Cuda.Address(Cuda.mallocHost(4 * grown))).capacity(grown);
                floats = grown;
            }
            return buffer;
        }
    }

    CudaDevice(int id) {
        this.id = id;
        this.name = "cuda:" + id;
        bind();
        this.stream = Cuda.createStream();
        this.staging = new Staging[] {new Staging(), new Staging()};
        this.multiprocessors = Cuda.attribute(cudaDevAttrMultiProcessorCount, id);
        this.computeMajor = Cuda.attribute(cudaDevAttrComputeCapabilityMajor, id);
        this.computeMinor = Cuda.attribute(cudaDevAttrComputeCapabilityMinor, id);
        this.allocator = new CachingAllocator(new CachingAllocator.Device() {
            @Override
            public long malloc(long bytes) {
                bind();
                return Cuda.malloc(bytes);
            }

            @Override
            public void free(long address) {
                bind();
                Cuda.free(address);
            }

            @Override
            public long[] memoryInfo() {
                bind();
                return Cuda.memoryInfo();
            }

            @Override
            public void collectGarbage() {
                System.gc();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, name);
    }

    /** Makes this device current on the calling thread (a no-op when it already is). */
    void bind() {
        if (CURRENT.get() != this) {
            Cuda.setDevice(id);
            CURRENT.set(this);
        }
    }

    CudaStorage allocate(long count) {
        bind();
        return new CudaStorage(this, count);
    }

    /** Copies {@code count} floats of {@code src} from {@code offset} to device address {@code dst}. */
    void upload(long dst, float[] src, int offset, long count) {
        bind();
        for (long done = 0; done < count; ) {
            int piece = (int) Math.min(STAGING_FLOATS, count - done);
            Staging slot = staging[nextStaging];
            nextStaging ^= 1;
            FloatPointer buffer = slot.take(piece);
            buffer.position(0).put(src, (int) (offset + done), piece);
            Cuda.copyAsync(dst + 4 * done, buffer.address(), 4L * piece, cudaMemcpyHostToDevice, stream);
            Cuda.record(slot.free, stream);
            done += piece;
        }
    }

    /** Copies {@code dst.length} floats from device address {@code src}, after all queued work. */
    void download(long src, float[] dst) {
        bind();
        for (long done = 0; done < dst.length; ) {
            int piece = (int) Math.min(STAGING_FLOATS, dst.length - done);
            FloatPointer buffer = staging[0].take(piece);
            Cuda.copyAsync(buffer.address(), src + 4 * done, 4L * piece, cudaMemcpyDeviceToHost, stream);
            Cuda.synchronize(stream);
            buffer.position(0).get(dst, (int) done, piece);
            done += piece;
        }
    }

    /** One float64 at device address {@code src}, after all queued work (a reduction's result). */
    double downloadDouble(long src) {
        bind();
        FloatPointer buffer = staging[0].take(2);
        Cuda.copyAsync(buffer.address(), src, 8, cudaMemcpyDeviceToHost, stream);
        Cuda.synchronize(stream);
        return new org.bytedeco.javacpp.DoublePointer(buffer).get(0);
    }

    void copy(long dst, long src, long bytes) {
        bind();
        Cuda.copyAsync(dst, src, bytes, cudaMemcpyDeviceToDevice, stream);
    }

    void zero(long dst, long bytes) {
        bind();
        Cuda.zeroAsync(dst, bytes, stream);
    }

    void synchronize() {
        bind();
        Cuda.synchronize(stream);
    }
}
