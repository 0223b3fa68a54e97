package org.conv4j.zoo.models;

import org.conv4j.engine.Backend;
import org.conv4j.engine.GpuTests;
import org.junit.jupiter.api.Tag;

/** {@link TrainingParitySuite} on the GPU. Skipped, with the reason, where no GPU is usable. */
@Tag("gpu")
class GpuTrainingParityTest extends TrainingParitySuite {
    @Override
    protected Backend backend() {
        return GpuTests.backend();
    }
}
