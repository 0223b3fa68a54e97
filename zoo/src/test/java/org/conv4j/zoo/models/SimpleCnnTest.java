package org.conv4j.zoo.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.conv4j.layers.Sequential;
import org.junit.jupiter.api.Test;

/** Parameter counts as Keras reports them for the same models. */
class SimpleCnnTest {
    @Test
    void simpleCnnHas2122186Parameters() {
        Sequential m = SimpleCnn.simple(32, 32, 3, 10);
        assertEquals(2_122_186, m.countParams());
        assertEquals(2_122_186, m.countTrainableParams());
        assertTrue(m.summary().contains("Total params: 2,122,186"));
    }

    @Test
    void batchNormDropoutVariantSeparatesMovingStatistics() {
        // convs 896 + 9,248 + 18,496 + 36,928 + 73,856, BNs 4 * (32 + 32 + 64 + 64 + 128), dense 1,290
        Sequential m = SimpleCnn.batchNormDropout(32, 32, 3, 10);
        assertEquals(141_994, m.countParams());
        assertEquals(141_994 - 640, m.countTrainableParams());
        String s = m.summary();
        assertTrue(s.contains("Total params: 141,994") && s.contains("Non-trainable params: 640"), s);
        assertEquals(22, m.layers().size());
    }
}
