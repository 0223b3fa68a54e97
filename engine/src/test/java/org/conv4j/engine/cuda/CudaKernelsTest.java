package org.conv4j.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.conv4j.kernels.KernelSources;
import org.junit.jupiter.api.Test;

/** What launches can pass: every kernel parameter in the sources has a launch kind (no GPU needed). */
class CudaKernelsTest {
    @Test
    void everyKernelParameterHasALaunchKind() {
        int kernels = 0;
        for (String file : KernelSources.FILES) {
            for (var e : KernelSources.signatures(file).entrySet()) {
                e.getValue().forEach(type -> CudaKernels.kind(e.getKey(), type));
                kernels++;
            }
        }
        assertEquals(34, kernels, "kernels in the sources");
        assertEquals(List.of("const float*", "const float*", "float*", "long"), KernelSources.signatures("elementwise").get("add"));
        assertEquals(List.of("float*", "double", "long long", "long"), KernelSources.signatures("dropout").get("dropout_mask"));
        assertEquals('l', CudaKernels.kind("dropout_mask", "long long"));
        assertThrows(IllegalStateException.class, () -> CudaKernels.kind("k", "short"));
    }
}
