package org.conv4j.engine;

import java.util.Locale;
import java.util.function.Consumer;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.engine.cuda.CudaBackend;
import org.conv4j.engine.cuda.CudaLibraries;

/** Picks a backend by the name a user gives with {@code --device}: auto, cpu, cuda (or cuda:N) or reference. */
public final class Backends {
    private Backends() {}

    /** {@link #create(String, Consumer)} with notices on standard error. */
    public static Backend create(String device) {
        return create(device, line -> System.err.println("conv4j: " + line));
    }

    /**
     * {@code auto}: the GPU when a device and the CUDA libraries load, else the CPU, saying why in one
     * line to {@code notice}; {@code cpu}: the CPU backend; {@code cuda} or {@code cuda:N}: the GPU
     * (N, default 0), or an error naming what is missing; {@code reference}: the float64 reference
     * backend. Set {@code CONV4J_TF32=1} to let the GPU round to TF32 on tensor cores.
     */
    public static Backend create(String device, Consumer<String> notice) {
        String d = device == null ? "auto" : device.toLowerCase(Locale.ROOT);
        switch (d) {
            case "auto":
                String problem = CudaLibraries.problem();
                if (problem == null) {
                    try {
                        return CudaBackend.create(0, tf32());
                    } catch (RuntimeException e) {
                        problem = "the GPU backend could not start: " + e.getMessage();
                    }
                }
                notice.accept("computing on the CPU (no usable GPU: " + problem + ")");
                return new CpuBackend();
            case "cpu":
                return new CpuBackend();
            case "reference":
                return new ReferenceBackend();
            case "cuda":
            case "gpu":
                return CudaBackend.create(0, tf32());
            default:
                if (d.matches("cuda:\\d+")) {
                    return CudaBackend.create(Integer.parseInt(d.substring(5)), tf32());
                }
                throw new IllegalArgumentException("unknown --device '" + device + "': expected auto, cpu, cuda, cuda:N or reference");
        }
    }

    private static boolean tf32() {
        return "1".equals(System.getenv("CONV4J_TF32"));
    }
}
