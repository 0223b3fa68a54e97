package org.conv4j.zoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {
    private static final String[] BATCHES = {
        "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"};
    /** Labels of the generated batches: batch b holds labels[b]. */
    private static final int[][] LABELS = {{6, 9}, {1}, {0, 2, 3}, {4}, {5, 7}, {8, 3, 9}};

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
    void readBatchPutsPlanesInNchwOrder() throws IOException {
        LabeledImages set = Cifar10.readBatch(write("b.bin", TestFiles.cifarRecords(3, 0, 9)));
        assertEquals(3, set.count());
        assertEquals(3, set.channels());
        assertEquals(32, set.height());
        assertEquals(32, set.width());
        assertArrayEquals(new int[] {3, 0, 9}, set.labels());
        assertEquals(Cifar10.DEFAULT_CLASS_NAMES, set.classNames());
        assertAllPixels(set, new int[] {0, 1, 2});
        byte[] pixels = set.pixels();
        assertEquals(TestFiles.pixelValue(2, 1, 5, 7) & 0xFF, pixels[((2 * 3 + 1) * 32 + 5) * 32 + 7] & 0xFF);
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        byte[] records = TestFiles.cifarRecords(1, 2);
        LabeledImages named = Cifar10.readBatch(write("a.bin.gz", TestFiles.gzip(records)));
        LabeledImages unnamed = Cifar10.readBatch(write("b.bin", TestFiles.gzip(records)));
        assertArrayEquals(new int[] {1, 2}, named.labels());
        assertArrayEquals(named.pixels(), unnamed.pixels());
    }

    @Test
    void classNamesComeFromTheMetaFileNextToTheBatch() throws IOException {
        write("batches.meta.txt", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n".getBytes(StandardCharsets.US_ASCII));
        LabeledImages set = Cifar10.readBatch(write("b.bin", TestFiles.cifarRecords(1)));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), set.classNames());
    }

    @Test
    void loadsBatchFilesPlainAndGzippedInBatchOrder() throws IOException {
        for (int b = 0; b < BATCHES.length; b++) {
            byte[] records = TestFiles.cifarRecords(LABELS[b]);
            if (b % 2 == 0) {
                write("cifar10/" + BATCHES[b] + ".gz", TestFiles.gzip(records));
            } else {
                write("cifar10/" + BATCHES[b], records);
            }
        }
        assertGeneratedSplit(Cifar10.load(locator()));
    }

    @Test
    void loadsTheOfficialFolderName() throws IOException {
        for (int b = 0; b < BATCHES.length; b++) {
            write("cifar-10-batches-bin/" + BATCHES[b], TestFiles.cifarRecords(LABELS[b]));
        }
        assertGeneratedSplit(Cifar10.load(locator()));
    }

    @Test
    void loadsTheOfficialArchive() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("cifar-10-batches-bin/batches.meta.txt", "A\nB\nC\nD\nE\nF\nG\nH\nI\nJ\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("cifar-10-batches-bin/readme.html", new byte[700]);
        for (int b = BATCHES.length - 1; b >= 0; b--) {
            entries.put("cifar-10-batches-bin/" + BATCHES[b], TestFiles.cifarRecords(LABELS[b]));
        }
        write(Cifar10.ARCHIVE, TestFiles.gzip(TestFiles.tar(entries)));
        TrainTestSplit split = Cifar10.load(locator());
        assertGeneratedSplit(split);
        assertEquals("J", split.test().classNames().get(9));
    }

    @Test
    void archiveWithoutAllBatchesIsAnError() throws IOException {
        Path archive = write(Cifar10.ARCHIVE, TestFiles.gzip(TestFiles.tar(
                Map.of("cifar-10-batches-bin/data_batch_1.bin", TestFiles.cifarRecords(1)))));
        IOException e = assertThrows(IOException.class, () -> Cifar10.load(locator()));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("test_batch.bin"), e.getMessage());
    }

    @Test
    void truncatedFileNamesTheFileAndRecord() throws IOException {
        byte[] records = TestFiles.cifarRecords(1, 2, 3);
        Path file = write("cut.bin", Arrays.copyOf(records, records.length - 100));
        String message = assertThrows(IOException.class, () -> Cifar10.readBatch(file)).getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("record 2 is truncated") && message.contains("2973 of its 3073 bytes"), message);
    }

    @Test
    void truncatedGzipNamesTheFile() throws IOException {
        byte[] gz = TestFiles.gzip(TestFiles.cifarRecords(1, 2, 3));
        Path file = write("cut.bin.gz", Arrays.copyOf(gz, gz.length / 2));
        String message = assertThrows(IOException.class, () -> Cifar10.readBatch(file)).getMessage();
        assertTrue(message.contains(file.toString()), message);
    }

    @Test
    void labelAboveNineNamesTheFileAndRecord() throws IOException {
        Path file = write("bad.bin", TestFiles.cifarRecords(1, 2, 12));
        String message = assertThrows(IOException.class, () -> Cifar10.readBatch(file)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("record 2") && message.contains("label 12"), message);
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = write("empty.bin", new byte[0]);
        String message = assertThrows(IOException.class, () -> Cifar10.readBatch(file)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("empty"), message);
    }

    @Test
    void missingEverywhereSaysWhatAndWhere() {
        String message = assertThrows(IOException.class, () -> Cifar10.load(locator())).getMessage();
        assertTrue(message.contains("data_batch_1..5.bin") && message.contains(Cifar10.ARCHIVE), message);
        assertTrue(message.contains(Cifar10.ARCHIVE_URL), message);
        assertTrue(message.contains(tmp.resolve("data").resolve(Cifar10.ARCHIVE).toString()), message);
        assertTrue(message.contains(tmp.resolve("home/.conv4j").resolve(Cifar10.ARCHIVE).toString()), message);
        assertTrue(message.contains("CONV4J_DATA"), message);
    }

    @Test
    void partialSetNamesTheMissingBatches() throws IOException {
        write("cifar10/data_batch_1.bin", TestFiles.cifarRecords(1));
        String message = assertThrows(IOException.class, () -> Cifar10.load(locator())).getMessage();
        assertTrue(message.contains("data_batch_1.bin") && message.contains("test_batch.bin")
                && message.contains("incomplete"), message);
    }

    private static void assertGeneratedSplit(TrainTestSplit split) {
        assertArrayEquals(new int[] {6, 9, 1, 0, 2, 3, 4, 5, 7}, split.train().labels());
        assertArrayEquals(new int[] {8, 3, 9}, split.test().labels());
        assertAllPixels(split.train(), new int[] {0, 1, 0, 0, 1, 2, 0, 0, 1});
        assertAllPixels(split.test(), new int[] {0, 1, 2});
    }

    /** Image n of {@code set} must be the generated record {@code recordIndex[n]} of its batch. */
    private static void assertAllPixels(LabeledImages set, int[] recordIndex) {
        for (int n = 0; n < set.count(); n++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        assertEquals(TestFiles.pixelValue(recordIndex[n], c, y, x), set.pixel(n, c, y, x),
                                "image " + n + " channel " + c + " row " + y + " column " + x);
                    }
                }
            }
        }
    }
}
