package org.conv4j.zoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    /** 3 images of 2 channels x 1 row x 2 columns; pixel value = its NCHW index * 10. */
    private static LabeledImages small() {
        byte[] pixels = new byte[12];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 10 + 100);
        }
        return new LabeledImages(3, 2, 1, 2, pixels, new int[] {2, 0, 1}, ABC);
    }

    @Test
    void accessorsFollowNchw() {
        LabeledImages set = small();
        assertEquals(4, set.imageSize());
        assertEquals(3, set.numClasses());
        assertEquals(100 + 10 * ((2 * 2 + 1) * 2 + 1), set.pixel(2, 1, 0, 1));
        assertEquals(170, set.pixel(1, 1, 0, 1));
        assertArrayEquals(new int[] {1, 1, 1}, set.classCounts());
    }

    @Test
    void toFloatsScalesUnsignedBytes() {
        float[] floats = small().toFloats(1 / 255f);
        assertEquals(12, floats.length);
        assertEquals(100 / 255f, floats[0], 1e-7);
        assertEquals(210 / 255f, floats[11], 1e-7);
    }

    @Test
    void oneHotHasOneOnePerRow() {
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, small().oneHot());
    }

    @Test
    void firstKeepsThePrefix() {
        LabeledImages two = small().first(2);
        assertEquals(2, two.count());
        assertArrayEquals(new int[] {2, 0}, two.labels());
        assertEquals(8, two.pixels().length);
        assertEquals(small().pixel(1, 1, 0, 1), two.pixel(1, 1, 0, 1));
        assertEquals(0, small().first(0).count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small().first(4));
        assertTrue(e.getMessage().contains("first 4 images of a set of 3"), e.getMessage());
    }

    @Test
    void concatAppendsInOrder() {
        LabeledImages both = LabeledImages.concat(List.of(small(), small().first(1)));
        assertEquals(4, both.count());
        assertArrayEquals(new int[] {2, 0, 1, 2}, both.labels());
        assertEquals(small().pixel(0, 1, 0, 1), both.pixel(3, 1, 0, 1));
        LabeledImages other = new LabeledImages(1, 1, 1, 2, new byte[2], new int[1], ABC);
        assertThrows(IllegalArgumentException.class, () -> LabeledImages.concat(List.of(small(), other)));
    }

    @Test
    void isImmutable() {
        byte[] pixels = new byte[2];
        int[] labels = {1};
        LabeledImages set = new LabeledImages(1, 1, 1, 2, pixels, labels, ABC);
        pixels[0] = 9;
        labels[0] = 2;
        set.pixels()[1] = 9;
        set.labels()[0] = 0;
        assertEquals(0, set.pixel(0, 0, 0, 0));
        assertEquals(0, set.pixel(0, 0, 0, 1));
        assertEquals(1, set.label(0));
    }

    @Test
    void constructorRejectsInconsistentData() {
        String pixels = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(2, 1, 2, 2, new byte[7], new int[2], ABC)).getMessage();
        assertTrue(pixels.contains("7 bytes") && pixels.contains("= 8"), pixels);
        String labels = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(2, 1, 2, 2, new byte[8], new int[3], ABC)).getMessage();
        assertTrue(labels.contains("3 entries") && labels.contains("2"), labels);
        String range = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(2, 1, 2, 2, new byte[8], new int[] {0, 3}, ABC)).getMessage();
        assertTrue(range.contains("label 3 of image 1") && range.contains("0..2"), range);
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(1, 0, 2, 2, new byte[0], new int[1], ABC));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(0, 1, 1, 1, new byte[0], new int[0], List.of()));
        assertThrows(IllegalArgumentException.class, () -> small().withClassNames(List.of("a", "b")));
    }
}
