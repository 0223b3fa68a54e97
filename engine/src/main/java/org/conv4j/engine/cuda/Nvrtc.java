package org.conv4j.engine.cuda;

import static org.bytedeco.cuda.global.nvrtc.*;

import java.nio.charset.StandardCharsets;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/** Every NVRTC call conv4j makes: CUDA C source to PTX for one GPU architecture, at run time. */
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
     * The newest virtual architecture NVRTC can target that a device of compute capability
     * {@code major.minor} runs: the device's own, or NVRTC's newest when the device is newer.
     */
    static int architecture(int major, int minor) {
        int wanted = major * 10 + minor;
        int[] n = new int[1];
        check(nvrtcGetNumSupportedArchs(n), "nvrtcGetNumSupportedArchs");
        int[] archs = new int[n[0]];
        check(nvrtcGetSupportedArchs(archs), "nvrtcGetSupportedArchs");
        int best = 0;
        for (int a : archs) {
            if (a <= wanted && a > best) {
                best = a;
            }
        }
        if (best == 0) {
            throw new CudaException("NVRTC " + version() + " cannot compile for compute capability " + major + "." + minor);
        }
        return best;
    }

    /** PTX of {@code source} (named {@code name} in messages) for {@code compute_<arch>}; a failure shows the compile log. */
    static byte[] compile(String source, String name, int arch) {
        _nvrtcProgram program = new _nvrtcProgram();
        check(nvrtcCreateProgram(program, new BytePointer(source, StandardCharsets.UTF_8), new BytePointer(name + ".cu"),
                0, (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram(" + name + ")");
        try {
            String[] options = {"--gpu-architecture=compute_" + arch, "--std=c++17"};
            try (PointerPointer<BytePointer> opts = new PointerPointer<>(options)) {
                int status = nvrtcCompileProgram(program, options.length, opts);
                if (status != NVRTC_SUCCESS) {
                    throw new CudaException("NVRTC could not compile kernel source " + name + ".cu: "
                            + nvrtcGetErrorString(status).getString() + "\n" + log(program));
                }
            }
            try (SizeTPointer size = new SizeTPointer(1)) {
                check(nvrtcGetPTXSize(program, size), "nvrtcGetPTXSize");
                byte[] ptx = new byte[(int) size.get()];
                check(nvrtcGetPTX(program, ptx), "nvrtcGetPTX");
                return ptx;
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
