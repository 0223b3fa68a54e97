package org.conv4j.zoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    private static final int IMAGES = 2051;
    private static final int LABELS = 2049;

    @TempDir
    Path tmp;

    private DataLocator locator() {
        return new DataLocator(tmp.resolve("data"), null, tmp.resolve("home"), false);
    }

    private Path write(String relative, byte[] content) throws IOException {
        Path file = tmp.resolve("data").resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    @Test
    void loadsPlainAndGzippedFiles() throws IOException {
        write("mnist/train-images-idx3-ubyte.gz", TestFiles.gzip(TestFiles.idxImages(IMAGES, 3, 28, 28)));
        write("mnist/train-labels-idx1-ubyte", TestFiles.idxLabels(LABELS, 5, 0, 4));
        write("mnist/t10k-images-idx3-ubyte", TestFiles.idxImages(IMAGES, 2, 28, 28));
        write("mnist/t10k-labels-idx1-ubyte.gz", TestFiles.gzip(TestFiles.idxLabels(LABELS, 7, 2)));
        TrainTestSplit split = Mnist.load(locator());
        LabeledImages train = split.train();
        assertEquals(3, train.count());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertArrayEquals(new int[] {5, 0, 4}, train.labels());
        assertArrayEquals(new int[] {7, 2}, split.test().labels());
        assertEquals(Mnist.CLASS_NAMES, train.classNames());
        for (int n = 0; n < 3; n++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    assertEquals(TestFiles.pixelValue(n, 0, y, x), train.pixel(n, 0, y, x));
                }
            }
        }
    }

    @Test
    void wrongMagicNamesFileExpectedAndActual() throws IOException {
        Path images = write("i", TestFiles.idxLabels(LABELS, 1, 2));
        Path labels = write("l", TestFiles.idxLabels(LABELS, 1, 2));
        String message = assertThrows(IOException.class, () -> Mnist.read(images, labels)).getMessage();
        assertTrue(message.contains(images.toString()) && message.contains("magic number 2049")
                && message.contains("expected 2051"), message);
    }

    @Test
    void truncatedImagesNameFileExpectedAndActualLength() throws IOException {
        byte[] full = TestFiles.idxImages(IMAGES, 2, 4, 4);
        Path images = write("i", Arrays.copyOf(full, full.length - 5));
        Path labels = write("l", TestFiles.idxLabels(LABELS, 1, 2));
        String message = assertThrows(IOException.class, () -> Mnist.read(images, labels)).getMessage();
        assertTrue(message.contains(images.toString()) && message.contains("48 bytes")
                && message.contains("holds 43") && message.contains("truncated"), message);
    }

    @Test
    void truncatedHeaderIsAnError() throws IOException {
        Path images = write("i", new byte[] {0, 0, 8});
        Path labels = write("l", TestFiles.idxLabels(LABELS, 1));
        String message = assertThrows(IOException.class, () -> Mnist.read(images, labels)).getMessage();
        assertTrue(message.contains(images.toString()) && message.contains("too short"), message);
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path images = write("i", TestFiles.idxImages(IMAGES, 3, 2, 2));
        Path labels = write("l", TestFiles.idxLabels(LABELS, 1, 2));
        String message = assertThrows(IOException.class, () -> Mnist.read(images, labels)).getMessage();
        assertTrue(message.contains(images.toString()) && message.contains(labels.toString())
                && message.contains("2 labels") && message.contains("3 images"), message);
    }

    @Test
    void labelAboveNineIsAnError() throws IOException {
        Path images = write("i", TestFiles.idxImages(IMAGES, 2, 2, 2));
        Path labels = write("l", TestFiles.idxLabels(LABELS, 1, 10));
        String message = assertThrows(IOException.class, () -> Mnist.read(images, labels)).getMessage();
        assertTrue(message.contains(labels.toString()) && message.contains("label 1 is 10"), message);
    }

    @Test
    void missingFileOfflineSaysWhereToPutIt() {
        String message = assertThrows(IOException.class, () -> Mnist.load(locator())).getMessage();
        assertTrue(message.contains("mnist/train-images-idx3-ubyte.gz"), message);
        assertTrue(message.contains(Mnist.BASE_URL + "train-images-idx3-ubyte.gz"), message);
        assertTrue(message.contains(tmp.resolve("data/mnist/train-images-idx3-ubyte.gz").toString()), message);
        assertTrue(message.contains(tmp.resolve("home/.conv4j/mnist/train-images-idx3-ubyte.gz").toString()), message);
    }
}
