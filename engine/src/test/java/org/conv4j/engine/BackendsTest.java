package org.conv4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import org.conv4j.engine.cuda.CudaLibraries;
import org.junit.jupiter.api.Test;

/** --device selection, and what it says where no GPU is usable (the case on CI). */
class BackendsTest {
    @Test
    void namedBackends() {
        assertEquals("cpu", Backends.create("cpu").name());
        assertEquals("reference", Backends.create("reference").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.create("tpu"));
        assertTrue(e.getMessage().contains("expected auto, cpu, cuda, cuda:N or reference"), e.getMessage());
    }

    @Test
    void withoutAGpuAutoFallsBackToTheCpuWithOneNoticeAndCudaNamesWhatIsMissing() {
        assumeFalse(CudaLibraries.available(), "a GPU is usable here; this test covers machines without one");
        List<String> notices = new ArrayList<>();
        assertEquals("cpu", Backends.create("auto", notices::add).name());
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).startsWith("computing on the CPU (no usable GPU: "), notices.get(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.create("cuda", notices::add));
        assertTrue(e.getMessage().startsWith("--device cuda: "), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*(libcuda\\.so\\.1|libcudart\\.so\\.13|libcublas|libcudnn|libnvrtc|no GPU).*"),
                "names the missing library: " + e.getMessage());
        assertTrue(e.getMessage().contains("LD_LIBRARY_PATH"), "says how to get it: " + e.getMessage());
    }
}
