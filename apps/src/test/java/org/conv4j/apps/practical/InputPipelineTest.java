package org.conv4j.apps.practical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.conv4j.layers.data.Batch;
import org.conv4j.layers.data.Dataset;
import org.conv4j.zoo.data.LabeledImages;
import org.conv4j.zoo.keras.Preprocessing;
import org.junit.jupiter.api.Test;

/**
 * MNIST's way into an ImageNet base: a grey image made RGB and resized as tf.image.resize's
 * bilinear rule does it (half-pixel centres: source x = (x + 0.5) * in / out - 0.5, the two
 * neighbours clamped to the image, no antialiasing). A 2x2 image [[0, 100], [200, 40]] resized to
 * 4x4: along a row the sources are -0.25, 0.25, 0.75, 1.25, so [a, b] becomes
 * [a, 0.75a + 0.25b, 0.25a + 0.75b, b]; the same down the columns. Worked out by hand:
 * row 0 [0, 25, 75, 100], row 3 [200, 160, 80, 40], rows 1 and 2 at 0.75/0.25 and 0.25/0.75 of them.
 */
class InputPipelineTest {
    @Test
    void aGreyDigitIsMadeRgbAndResizedAsTensorFlowDoes() {
        LabeledImages grey = new LabeledImages(1, 1, 2, 2, new byte[] {0, 100, (byte) 200, 40}, new int[] {3}, List.of("0", "1", "2", "3"));
        InputPipeline p = new InputPipeline(4, 3, Preprocessing.NONE, false);
        Dataset d = p.batches(ImageSet.of(grey), 4, 1, null);
        Batch b;
        try (Dataset.Pass pass = d.pass(0)) {
            b = pass.next();
        }
        assertArrayEquals(new int[] {1, 3, 4, 4}, b.x().shape());
        float[] row0 = {0, 25, 75, 100}, row3 = {200, 160, 80, 40};
        float[] expected = new float[16];
        for (int x = 0; x < 4; x++) {
            expected[x] = row0[x];
            expected[4 + x] = 0.75f * row0[x] + 0.25f * row3[x];
            expected[8 + x] = 0.25f * row0[x] + 0.75f * row3[x];
            expected[12 + x] = row3[x];
        }
        float[] x = b.x().toFloatArray();
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(x, c * 16, c * 16 + 16), 1e-4f, "channel " + c);
        }
        assertArrayEquals(new float[] {0, 0, 0, 1}, b.y().toFloatArray(), "one-hot label 3");
        assertEquals(58.75f, x[5], 1e-4f, "row 1, column 1: 0.75 * 25 + 0.25 * 160");
    }
}
