package org.conv4j.engine.cuda;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.conv4j.kernels.KernelSources;

/**
 * conv4j's own kernels (the {@code kernels} module's sources), all compiled with NVRTC for this
 * GPU and loaded when the backend starts (so that a missing NVRTC part fails then, not in the
 * middle of training), then launched from a reusable argument block: each argument takes an
 * 8-byte slot, and the launch passes one pointer per slot.
 *
 * <pre>{@code kernels.launch("add", grid, block).ptr(a).ptr(b).ptr(out).i64(n).go();}</pre>
 *
 * Not thread-safe: one backend, one thread at a time, as the Backend contract says.
 */
final class CudaKernels {
    private static final int MAX_ARGS = 16;

    private final CudaDevice device;
    /** Per kernel, the kinds of its parameters as {@link Launch} records them (see {@link #kind}). */
    private final Map<String, String> parameterKinds = new HashMap<>();
    private final Map<String, CUfunc_st> functions = new HashMap<>();
    private final BytePointer slots = new BytePointer(8L * MAX_ARGS);
    private final PointerPointer<BytePointer> params = new PointerPointer<>(MAX_ARGS);
    private final Launch launch = new Launch();

    CudaKernels(CudaDevice device) {
        this.device = device;
        String target = Nvrtc.target(device.computeMajor, device.computeMinor);
        device.bind();
        for (String file : KernelSources.FILES) {
            CUmod_st module = Cuda.loadModule(Nvrtc.compile(KernelSources.source(file), file, target), file + ".cu");
            KernelSources.signatures(file).forEach((kernel, types) -> {
                functions.put(kernel, Cuda.function(module, kernel));
                StringBuilder kinds = new StringBuilder();
                types.forEach(t -> kinds.append(kind(kernel, t)));
                parameterKinds.put(kernel, kinds.toString());
            });
        }
        for (int i = 0; i < MAX_ARGS; i++) {
            params.put(i, new Cuda.Address(slots.address() + 8L * i));
        }
    }

    /**
     * The launch argument a C parameter type takes: p pointer, i int, l long / long long (64 bits),
     * f float, d double.
     */
    static char kind(String kernel, String type) {
        if (type.endsWith("*")) {
            return 'p';
        }
        switch (type) {
            case "int": return 'i';
            case "long": case "long long": return 'l';
            case "float": return 'f';
            case "double": return 'd';
            default: throw new IllegalStateException("kernel " + kernel + " has a parameter of type " + type
                    + ", which launches cannot pass yet");
        }
    }

    /** Starts a launch of {@code kernel} on {@code grid} blocks of {@code block} threads; add the arguments in order, then {@link Launch#go}. */
    Launch launch(String kernel, int grid, int block) {
        return launch.start(kernel, grid, block);
    }

    /** A grid-stride kernel over {@code n} elements: 256 threads a block, enough blocks to fill the GPU. */
    Launch elementwise(String kernel, long n) {
        int block = 256;
        long needed = (n + block - 1) / block;
        return launch(kernel, (int) Math.max(1, Math.min(needed, 32L * device.multiprocessors)), block);
    }

    /** One thread per row of {@code rows}. */
    Launch perRow(String kernel, int rows) {
        int block = 128;
        return launch(kernel, Math.max(1, (rows + block - 1) / block), block);
    }

    final class Launch {
        private String kernel;
        private int grid;
        private int block;
        private int count;
        private final StringBuilder kinds = new StringBuilder();

        private Launch start(String kernel, int grid, int block) {
            this.kernel = kernel;
            this.grid = grid;
            this.block = block;
            this.count = 0;
            kinds.setLength(0);
            return this;
        }

        private long slot(char kind) {
            if (count == MAX_ARGS) {
                throw new IllegalStateException("kernel " + kernel + ": more than " + MAX_ARGS + " arguments");
            }
            kinds.append(kind);
            return 8L * count++;
        }

        /** A device pointer argument: the tensor's first value. */
        Launch ptr(org.conv4j.engine.Tensor t) {
            return ptr(CudaStorage.addressOf(t, device));
        }

        Launch ptr(long address) {
            slots.putLong(slot('p'), address);
            return this;
        }

        /** A C {@code int}. */
        Launch i32(int v) {
            slots.putInt(slot('i'), v);
            return this;
        }

        /** A C {@code long} or {@code long long} (64 bits on the platforms CUDA supports). */
        Launch i64(long v) {
            slots.putLong(slot('l'), v);
            return this;
        }

        Launch f32(double v) {
            slots.putFloat(slot('f'), (float) v);
            return this;
        }

        Launch f64(double v) {
            slots.putDouble(slot('d'), v);
            return this;
        }

        /** Launches, once the arguments match the kernel's parameters in number and kind. */
        void go() {
            String expected = parameterKinds.get(kernel);
            if (expected == null) {
                throw new IllegalArgumentException("no kernel " + kernel + " in the kernel sources " + KernelSources.FILES);
            }
            if (!expected.contentEquals(kinds)) {
                throw new IllegalStateException("kernel " + kernel + " takes arguments of kinds " + expected + " but got "
                        + kinds + " (p pointer, i int, l long, f float, d double)");
            }
            device.bind();
            Cuda.launch(functions.get(kernel), kernel, grid, block, device.stream, params);
        }
    }
}
