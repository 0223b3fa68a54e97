package org.conv4j.engine;

import org.conv4j.engine.cpu.CpuBackend;

/** Picks a backend by the name a user gives with {@code --device}: auto, cpu or reference. */
public final class Backends {
    private Backends() {}

    /**
     * {@code auto} and {@code cpu} give the CPU backend (no GPU backend is built yet, so auto
     * always lands on the CPU); {@code reference} gives the float64 reference backend.
     */
    public static Backend create(String device) {
        switch (device == null ? "auto" : device.toLowerCase(java.util.Locale.ROOT)) {
            case "auto":
            case "cpu":
                return new CpuBackend();
            case "reference":
                return new ReferenceBackend();
            case "cuda":
            case "gpu":
                throw new IllegalArgumentException("--device cuda: this build of conv4j has no CUDA backend yet; "
                        + "use --device cpu (or auto)");
            default:
                throw new IllegalArgumentException("unknown --device '" + device + "': expected auto, cpu, cuda or reference");
        }
    }
}
