package org.conv4j.layers;

import java.util.function.Supplier;
import org.conv4j.engine.GpuTests;
import org.conv4j.engine.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * Every case of {@link LayerGradientTest} on the GPU: forward, moving statistics and every
 * gradient against the float64 reference, whose gradients are checked numerically there.
 * Skipped, with the reason, where no GPU is usable.
 */
@Tag("gpu")
class LayerGpuParityTest extends LayerGradientTest {
    @Override
    protected void check(Supplier<Layer> layer, boolean training, Tensor... inputs) {
        GradientCheck.checkLayerAgainstReference(GpuTests.backend(), layer, training, inputs);
    }
}
