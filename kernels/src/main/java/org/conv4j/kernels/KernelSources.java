package org.conv4j.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA C sources of conv4j's own GPU kernels (what cuDNN and cuBLAS do not do), kept as
 * resources in {@code org/conv4j/kernels/}: each file states shapes, layout and whether its
 * kernels write or accumulate. The GPU backend compiles them at run time with NVRTC; they include
 * no headers so that NVRTC needs none: the device helpers they share ({@code prelude.cu}) are
 * prepended to each. Every kernel is {@code extern "C"} so its name is its symbol.
 */
public final class KernelSources {
    /** The source files, by name without ".cu". */
    public static final List<String> FILES = List.of(
            "elementwise", "activations", "losses", "dropout", "padding", "pooling", "batchnorm", "optimizers", "images");

    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(([^)]*)\\)");

    private KernelSources() {}

    /** What to compile for source {@code name} (one of {@link #FILES}): the shared prelude, then the file. */
    public static String source(String name) {
        if (!FILES.contains(name)) {
            throw new IllegalArgumentException("no kernel source '" + name + "'; the sources are " + FILES);
        }
        return file("prelude") + "\n" + file(name);
    }

    /** The text of resource {@code name}.cu as it is stored. */
    static String file(String name) {
        try (InputStream in = KernelSources.class.getResourceAsStream(name + ".cu")) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + name + ".cu is missing from the conv4j kernels jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + name + ".cu", e);
        }
    }

    /** The names of the kernels ({@code extern "C" __global__} functions) defined in source {@code name}. */
    public static List<String> kernels(String name) {
        return new ArrayList<>(signatures(name).keySet());
    }

    /**
     * The kernels of source {@code name} with the C types of their parameters, in order, names
     * dropped: {@code add -> [const float*, const float*, float*, long]}.
     */
    public static java.util.Map<String, List<String>> signatures(String name) {
        java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        Matcher m = KERNEL.matcher(source(name));
        while (m.find()) {
            List<String> types = new ArrayList<>();
            for (String parameter : m.group(2).split(",")) {
                String p = parameter.trim().replaceAll("\\s+", " ");
                types.add(p.substring(0, Math.max(p.lastIndexOf(' '), p.lastIndexOf('*') + 1)).trim());
            }
            out.put(m.group(1), types);
        }
        return out;
    }
}
