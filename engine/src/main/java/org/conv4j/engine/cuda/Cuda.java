package org.conv4j.engine.cuda;

import static org.bytedeco.cuda.global.cudart.*;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Every call conv4j makes into the CUDA runtime (memory, streams, events, device facts) and the
 * driver API (modules and kernel launches), each checked: a failure throws a {@link CudaException}
 * naming the call and CUDA's error. Device memory is passed around as raw addresses.
 */
final class Cuda {
    private Cuda() {}

    /** A JavaCPP pointer at a raw device (or pinned host) address, for passing to native calls. */
    static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }

    static void check(int status, String call) {
        if (status != cudaSuccess) {
            throw new CudaException(call + " failed: " + errorName(status));
        }
    }

    static String errorName(int status) {
        BytePointer name = cudaGetErrorName(status), text = cudaGetErrorString(status);
        return (name == null ? "error " + status : name.getString()) + (text == null ? "" : " (" + text.getString() + ")");
    }

    private static void checkDriver(int status, String call) {
        if (status != 0) {
            try (PointerPointer<BytePointer> out = new PointerPointer<>(1)) {
                String message = cuGetErrorString(status, out) == 0 && out.get(0) != null
                        ? new BytePointer(out.get(0)).getString() : "CUresult " + status;
                throw new CudaException(call + " failed: " + message);
            }
        }
    }

    // ---------------------------------------------------------------- devices

    static int deviceCount() {
        int[] n = new int[1];
        int status = cudaGetDeviceCount(n);
        if (status == cudaErrorNoDevice) {
            return 0;
        }
        check(status, "cudaGetDeviceCount");
        return n[0];
    }

    /** Makes {@code device} current on the calling thread (creating its primary context on first use). */
    static void setDevice(int device) {
        check(cudaSetDevice(device), "cudaSetDevice(" + device + ")");
        check(cudaFree(null), "cudaFree(null) (context creation)");
    }

    static int attribute(int attribute, int device) {
        int[] value = new int[1];
        check(cudaDeviceGetAttribute(value, attribute, device), "cudaDeviceGetAttribute(" + attribute + ")");
        return value[0];
    }

    static String deviceName(int device) {
        org.bytedeco.cuda.cudart.cudaDeviceProp p = new org.bytedeco.cuda.cudart.cudaDeviceProp();
        check(cudaGetDeviceProperties(p, device), "cudaGetDeviceProperties");
        return p.name().getString();
    }

    /** {free, total} bytes of the current device. */
    static long[] memoryInfo() {
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            check(cudaMemGetInfo(free, total), "cudaMemGetInfo");
            return new long[] {free.get(), total.get()};
        }
    }

    static int driverVersion() {
        int[] v = new int[1];
        check(cudaDriverGetVersion(v), "cudaDriverGetVersion");
        return v[0];
    }

    static int runtimeVersion() {
        int[] v = new int[1];
        check(cudaRuntimeGetVersion(v), "cudaRuntimeGetVersion");
        return v[0];
    }

    /** "13.1" from CUDA's 13010. */
    static String version(int v) {
        return v / 1000 + "." + v % 1000 / 10;
    }

    // ---------------------------------------------------------------- memory

    /** The address of {@code bytes} new device bytes, or 0 when the device has no room. */
    static long malloc(long bytes) {
        Pointer p = new Pointer();
        int status = cudaMalloc(p, bytes);
        if (status == cudaErrorMemoryAllocation) {
            cudaGetLastError();  // clears the sticky-free error so later calls do not report it
            return 0;
        }
        check(status, "cudaMalloc(" + bytes + " bytes)");
        return p.address();
    }

    static void free(long address) {
        check(cudaFree(new Address(address)), "cudaFree");
    }

    /** Page-locked host memory, which the GPU copies from and to without staging. */
    static long mallocHost(long bytes) {
        Pointer p = new Pointer();
        check(cudaMallocHost(p, bytes), "cudaMallocHost(" + bytes + " bytes)");
        return p.address();
    }

    static void freeHost(long address) {
        check(cudaFreeHost(new Address(address)), "cudaFreeHost");
    }

    static void copyAsync(long dst, long src, long bytes, int kind, CUstream_st stream) {
        check(cudaMemcpyAsync(new Address(dst), new Address(src), bytes, kind, stream), "cudaMemcpyAsync");
    }

    static void zeroAsync(long dst, long bytes, CUstream_st stream) {
        check(cudaMemsetAsync(new Address(dst), 0, bytes, stream), "cudaMemsetAsync");
    }

    // ---------------------------------------------------------------- streams and events

    static CUstream_st createStream() {
        CUstream_st s = new CUstream_st();
        check(cudaStreamCreateWithFlags(s, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
        return s;
    }

    static void synchronize(CUstream_st stream) {
        check(cudaStreamSynchronize(stream), "cudaStreamSynchronize (an earlier kernel may have failed)");
    }

    static CUevent_st createEvent(boolean timing) {
        CUevent_st e = new CUevent_st();
        check(cudaEventCreateWithFlags(e, timing ? 0 : cudaEventDisableTiming), "cudaEventCreateWithFlags");
        return e;
    }

    static void record(CUevent_st event, CUstream_st stream) {
        check(cudaEventRecord(event, stream), "cudaEventRecord");
    }

    static void waitFor(CUevent_st event) {
        check(cudaEventSynchronize(event), "cudaEventSynchronize");
    }

    // ---------------------------------------------------------------- modules and launches (driver API)

    /** Loads a cubin or NUL-terminated PTX image (the driver tells them apart). */
    static CUmod_st loadModule(byte[] code, String what) {
        CUmod_st module = new CUmod_st();
        try (BytePointer image = new BytePointer(code.length + 1)) {
            image.put(code, 0, code.length).put(code.length, (byte) 0);
            checkDriver(cuModuleLoadData(module, image), "cuModuleLoadData(" + what + ")");
        }
        return module;
    }

    static CUfunc_st function(CUmod_st module, String name) {
        CUfunc_st f = new CUfunc_st();
        checkDriver(cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
        return f;
    }

    /** Launches {@code f} on a 1-D grid; {@code params} points at one pointer per kernel argument. */
    static void launch(CUfunc_st f, String name, int grid, int block, CUstream_st stream, PointerPointer<?> params) {
        checkDriver(cuLaunchKernel(f, grid, 1, 1, block, 1, 1, 0, stream, params, null), "cuLaunchKernel(" + name + ")");
    }
}
