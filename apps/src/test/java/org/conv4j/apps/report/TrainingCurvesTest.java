package org.conv4j.apps.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void writesBothChartsAsOnePng() throws IOException {
        Map<String, List<Double>> history = new LinkedHashMap<>();
        history.put("loss", List.of(1.9, 1.4, 1.1, 0.9));
        history.put("accuracy", List.of(0.31, 0.49, 0.61, 0.68));
        history.put("val_loss", List.of(1.6, 1.3, 1.2, 1.15));
        history.put("val_accuracy", List.of(0.42, 0.53, 0.58, 0.6));
        Path file = dir.resolve("curves.png");

        TrainingCurves.write(file, history, List.of());

        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(TrainingCurves.WIDTH, image.getWidth());
        assertEquals(TrainingCurves.HEIGHT, image.getHeight());
        assertTrue(distinctColours(image, 0, image.getWidth() / 2) > 3, "left chart drawn");
        assertTrue(distinctColours(image, image.getWidth() / 2, image.getWidth()) > 3, "right chart drawn");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void skipsAbsentSeriesAndGaps() {
        Map<String, List<Double>> history = new LinkedHashMap<>();
        history.put("loss", Arrays.asList(2.0, null, Double.NaN, 1.0));
        BufferedImage image = TrainingCurves.render(history, List.of());
        assertEquals(TrainingCurves.WIDTH, image.getWidth());
        assertTrue(distinctColours(image, image.getWidth() / 2, image.getWidth()) > 3);
    }

    @Test
    void marksWherePhaseTwoStarts() {
        Map<String, List<Double>> history = new LinkedHashMap<>();
        history.put("accuracy", List.of(0.3, 0.5, 0.6, 0.7));
        history.put("loss", List.of(1.9, 1.4, 1.1, 0.9));
        BufferedImage plain = TrainingCurves.render(history, List.of());
        BufferedImage marked = TrainingCurves.render(history, List.of(2));
        long differing = IntStream.range(0, plain.getWidth())
                .flatMap(x -> IntStream.range(0, plain.getHeight()).filter(y -> plain.getRGB(x, y) != marked.getRGB(x, y)))
                .count();
        assertTrue(differing > 100, "a dashed line and its legend entry are drawn: " + differing + " pixels differ");
    }

    private static long distinctColours(BufferedImage image, int fromX, int toX) {
        return IntStream.range(fromX, toX)
                .flatMap(x -> IntStream.range(0, image.getHeight()).map(y -> image.getRGB(x, y)))
                .distinct()
                .count();
    }
}
