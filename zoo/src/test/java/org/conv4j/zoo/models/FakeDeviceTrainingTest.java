package org.conv4j.zoo.models;

import org.conv4j.engine.Backend;
import org.conv4j.engine.FakeDeviceBackend;

/**
 * {@link TrainingParitySuite} with the models' tensors on a pretend device computed by the CPU:
 * the three models build, train and predict through device tensors (what the GPU needs) here too.
 */
class FakeDeviceTrainingTest extends TrainingParitySuite {
    @Override
    protected Backend backend() {
        return FakeDeviceBackend.create();
    }
}
