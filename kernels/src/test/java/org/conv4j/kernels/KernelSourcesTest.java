package org.conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kernel source compiles with nvcc (when nvcc is on the PATH), includes no header, and names its kernels once. */
class KernelSourcesTest {
    static Path nvcc() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "nvcc");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void everySourceCompilesWithNvcc(@TempDir Path dir) throws Exception {
        Path nvcc = nvcc();
        Assumptions.assumeTrue(nvcc != null, "nvcc is not on the PATH: the CUDA sources are not compile-checked here");
        for (String name : KernelSources.FILES) {
            Path cu = dir.resolve(name + ".cu");
            Files.writeString(cu, KernelSources.source(name));
            Process p = new ProcessBuilder(nvcc.toString(), "-ptx", "-arch=sm_80", "-Werror", "all-warnings",
                    "-o", dir.resolve(name + ".ptx").toString(), cu.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), name + ".cu: nvcc did not finish");
            assertEquals(0, p.exitValue(), name + ".cu does not compile:\n" + output);
            String ptx = Files.readString(dir.resolve(name + ".ptx"));
            for (String kernel : KernelSources.kernels(name)) {
                assertTrue(ptx.contains(".entry " + kernel + "("), name + ".cu: kernel " + kernel + " missing from the PTX");
            }
        }
    }

    @Test
    void sourcesNeedNoHeadersAndNameEachKernelOnce() throws IOException {
        Set<String> seen = new HashSet<>();
        for (String name : KernelSources.FILES) {
            String text = KernelSources.source(name);
            assertFalse(text.contains("#include"), name + ".cu includes a header; NVRTC compiles it without host headers");
            assertTrue(KernelSources.file(name).startsWith("//"),
                    name + ".cu opens with a comment stating shapes, layout and writes/accumulates");
            List<String> kernels = KernelSources.kernels(name);
            assertFalse(kernels.isEmpty(), name + ".cu defines no kernel");
            for (String k : kernels) {
                assertTrue(seen.add(k), "kernel " + k + " is defined twice");
            }
        }
        assertTrue(seen.containsAll(List.of("softmax_cross_entropy", "dropout_mask", "adam_update", "max_pool_backward",
                "batch_norm_statistics", "pad2d", "bias_grad")));
    }
}
