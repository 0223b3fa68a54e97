package org.conv4j.engine.cuda;

import static org.bytedeco.cuda.global.nvrtc.*;

import java.nio.charset.StandardCharsets;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/** Every NVRTC call conv4j makes: CUDA C source to a module image for one GPU, at run time. */
final class Nvrtc {
    private Nvrtc() {}

    private static void check(int status, String call) {
        if (status != NVRTC_SUCCESS) {
            throw new CudaException(call + " failed: " + nvrtcGetErrorString(status).getString());
        }
    }

    static String version() {
        int[] major = new int[1], minor = new int[1];
        check(nvrtcVersion(major, minor), "nvrtcVersion");
        return major[0] + "." + minor[0];
    }

    /**
     * What to compile for a device of compute capability {@code major.minor}: "sm_XY" (a binary
     * for the device itself) when NVRTC knows the device, else "compute_XY" (PTX for the newest
     * architecture NVRTC knows, which the driver compiles further for the newer device).
     *
     * <p>A binary, not PTX, is the normal case because PTX carries the PTX version of the NVRTC that
     * wrote it, and a driver older than that NVRTC refuses it (CUDA_ERROR_UNSUPPORTED_PTX_VERSION),
     * while a binary for the device's own architecture loads on any driver of the same major version.
     */
    static String target(int major, int minor) {
        int wanted = major * 10 + minor;
        int[] n = new int[1];
        check(nvrtcGetNumSupportedArchs(n), "nvrtcGetNumSupportedArchs");
        int[] archs = new int[n[0]];
        check(nvrtcGetSupportedArchs(archs), "nvrtcGetSupportedArchs");
        int best = 0;
        for (int a : archs) {
            if (a == wanted) {
                return "sm_" + a;
            }
            if (a < wanted && a > best) {
                best = a;
            }
        }
        if (best == 0) {
            throw new CudaException("NVRTC " + version() + " cannot compile for compute capability " + major + "." + minor);
        }
        return "compute_" + best;
    }

    /**
     * The compiled image of {@code source} (named {@code name} in messages) for {@code target}
     * (from {@link #target}): a cubin for "sm_XY", NUL-terminated PTX for "compute_XY". A failure
     * shows the compile log.
     */
    static byte[] compile(String source, String name, String target) {
        _nvrtcProgram program = new _nvrtcProgram();
        check(nvrtcCreateProgram(program, new BytePointer(source, StandardCharsets.UTF_8), new BytePointer(name + ".cu"),
                0, (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram(" + name + ")");
        try {
            String[] options = {"--gpu-architecture=" + target, "--std=c++17"};
            try (PointerPointer<BytePointer> opts = new PointerPointer<>(options)) {
                int status = nvrtcCompileProgram(program, options.length, opts);
                if (status != NVRTC_SUCCESS) {
                    throw new CudaException("NVRTC could not compile kernel source " + name + ".cu for " + target + ": "
                            + nvrtcGetErrorString(status).getString() + "\n" + log(program));
                }
            }
            boolean binary = target.startsWith("sm_");
            try (SizeTPointer size = new SizeTPointer(1)) {
                check(binary ? nvrtcGetCUBINSize(program, size) : nvrtcGetPTXSize(program, size), "nvrtcGet" + (binary ? "CUBIN" : "PTX") + "Size");
                byte[] image = new byte[(int) size.get()];
                check(binary ? nvrtcGetCUBIN(program, image) : nvrtcGetPTX(program, image), "nvrtcGet" + (binary ? "CUBIN" : "PTX"));
                return image;
            }
        } finally {
            nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            if (nvrtcGetProgramLogSize(program, size) != NVRTC_SUCCESS) {
                return "(no compile log)";
            }
            byte[] log = new byte[(int) size.get()];
            nvrtcGetProgramLog(program, log);
            return new String(log, StandardCharsets.UTF_8).trim();
        }
    }
}
