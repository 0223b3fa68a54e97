package org.conv4j.engine.cuda;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * Whether the GPU path can run here: loads JavaCPP's CUDA bindings one library at a time (each
 * needs the system's CUDA 13 / cuDNN 9 library named below, found through the dynamic linker:
 * {@code LD_LIBRARY_PATH} or {@code ldconfig}), then asks the driver for a device. The first
 * thing missing is named, with how to get it. Probed once per JVM.
 */
public final class CudaLibraries {
    /** What each binding needs of the system, in load order. */
    private record Library(Class<?> binding, String what, String files) {}

    private static final List<Library> LIBRARIES = List.of(
            new Library(org.bytedeco.cuda.global.cudart.class, "the CUDA 13 runtime and the NVIDIA driver",
                    "libcudart.so.13 and libcuda.so.1"),
            new Library(org.bytedeco.cuda.global.cublas.class, "cuBLAS 13", "libcublas.so.13 and libcublasLt.so.13"),
            new Library(org.bytedeco.cuda.global.cudnn.class, "cuDNN 9",
                    "libcudnn.so.9 with libcudnn_ops.so.9, libcudnn_cnn.so.9, libcudnn_adv.so.9 and libcudnn_graph.so.9"),
            new Library(org.bytedeco.cuda.global.nvrtc.class, "NVRTC 13", "libnvrtc.so.13"));

    private static final String HOW = "Install the NVIDIA driver, then CUDA 13 and cuDNN 9 (for example "
            + "`pip install nvidia-cuda-runtime nvidia-cublas nvidia-cudnn-cu13 nvidia-cuda-nvrtc`, with their lib folders "
            + "on LD_LIBRARY_PATH), or put org.bytedeco:cuda-redist:13.1-9.19-1.5.13 on the class path.";

    private static String problem;
    private static boolean probed;

    private CudaLibraries() {}

    /** Null when a GPU and every library are there, else what is missing, in a sentence. */
    public static synchronized String problem() {
        if (!probed) {
            problem = probe();
            probed = true;
        }
        return problem;
    }

    public static boolean available() {
        return problem() == null;
    }

    /** Throws an {@link IllegalStateException} naming what is missing, and how to get it, when the GPU path cannot run. */
    public static void require() {
        String p = problem();
        if (p != null) {
            throw new IllegalStateException("--device cuda: " + p + ". " + HOW);
        }
    }

    private static String probe() {
        for (Library lib : LIBRARIES) {
            try {
                Loader.load(lib.binding());
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                String cause = rootMessage(e);
                java.util.regex.Matcher m = MISSING.matcher(cause);
                return m.find() ? m.group(1) + " (" + component(m.group(1)) + ") was not found, so " + lib.what()
                        + " could not be loaded (it needs " + lib.files() + ")"
                        : lib.what() + " could not be loaded (it needs " + lib.files() + "): " + cause;
            }
        }
        try {
            int devices = Cuda.deviceCount();
            if (devices == 0) {
                return "the CUDA libraries load but no GPU is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
            }
        } catch (CudaException e) {
            return "the NVIDIA driver does not answer: " + e.getMessage()
                    + ". A driver for CUDA 13 (580 or newer) is needed; check nvidia-smi";
        }
        return null;
    }

    /** The dynamic linker's words for a missing file. */
    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("(lib[\\w.+-]+\\.so[.\\d]*): cannot open shared object file");

    /** What a system library file is part of. */
    static String component(String file) {
        if (file.startsWith("libcuda.")) {
            return "the NVIDIA driver";
        } else if (file.startsWith("libcudart")) {
            return "the CUDA 13 runtime";
        } else if (file.startsWith("libcublas")) {
            return "cuBLAS 13";
        } else if (file.startsWith("libcudnn")) {
            return "cuDNN 9";
        } else if (file.startsWith("libnvrtc")) {
            return "NVRTC 13";
        }
        return "a library the CUDA bindings need";
    }

    /** The innermost cause's message, which names the file the dynamic linker could not find. */
    private static String rootMessage(Throwable e) {
        List<String> seen = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                seen.add(t.getMessage());
            }
        }
        return seen.isEmpty() ? e.toString() : seen.get(seen.size() - 1);
    }
}
