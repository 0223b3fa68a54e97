package org.conv4j.apps.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final List<String> NAMES = List.of("cat", "dog", "ship");

    @Test
    void rowsAreTrueClassesColumnsPredictions() {
        int[] yTrue = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] yPred = {0, 1, 0, 1, 1, 2, 0, 2, 2};
        ConfusionMatrix m = ConfusionMatrix.of(yTrue, yPred, NAMES);
        assertArrayEquals(new int[] {2, 1, 0}, m.counts()[0]);
        assertArrayEquals(new int[] {0, 2, 0}, m.counts()[1]);
        assertArrayEquals(new int[] {1, 0, 3}, m.counts()[2]);
        assertEquals("true\\predicted,cat,dog,ship\ncat,2,1,0\ndog,0,2,0\nship,1,0,3\n", m.toCsv());
        assertEquals("        cat   dog  ship\n  cat     2     1     0\n  dog     0     2     0\n ship     1     0     3\n", m.format());
    }

    @Test
    void badLabelsAreErrorsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, NAMES));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, NAMES));
    }

    @Test
    void drawsAHeatMap() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 1}, NAMES);
        BufferedImage image = Charts.confusionMatrix(m, "test");
        assertEquals(640, image.getWidth());
        long colours = java.util.stream.IntStream.range(0, image.getWidth())
                .flatMap(x -> java.util.stream.IntStream.range(0, image.getHeight()).map(y -> image.getRGB(x, y))).distinct().count();
        assertTrue(colours > 5, "cells of several shades: " + colours);
    }
}
