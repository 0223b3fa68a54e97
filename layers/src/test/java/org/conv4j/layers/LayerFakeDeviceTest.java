package org.conv4j.layers;

import java.util.function.Supplier;
import org.conv4j.engine.FakeDeviceBackend;
import org.conv4j.engine.Tensor;

/**
 * Every case of {@link LayerGradientTest} with its tensors on a pretend device (computed by the
 * CPU): no layer reads a backend tensor's host array, and the harness that
 * {@link LayerGpuParityTest} runs on the GPU works on device tensors.
 */
class LayerFakeDeviceTest extends LayerGradientTest {
    @Override
    protected void check(Supplier<Layer> layer, boolean training, Tensor... inputs) {
        GradientCheck.checkLayerAgainstReference(FakeDeviceBackend.create(), layer, training, inputs);
    }
}
