package org.conv4j.zoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the loaders on the project's shared copies of the real data sets, found through the
 * CONV4J_DATA environment variable (see {@link SharedData}); skipped, with the reason, where absent.
 */
class SharedDataSetsTest {
    @TempDir
    Path home;

    private static Path require(String subfolder) {
        Optional<Path> folder = SharedData.folder(subfolder);
        Assumptions.assumeTrue(folder.isPresent(), SharedData.absentReason(subfolder));
        return folder.get().getParent();
    }

    @Test
    void mnistMatchesTheOfficialFiles() throws IOException {
        Path shared = require("mnist");
        TrainTestSplit mnist = Mnist.load(SharedData.locator(shared, home));
        LabeledImages train = mnist.train();
        assertEquals(60_000, train.count());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertEquals(10_000, mnist.test().count());

        byte[] labelFile = DataFiles.readAll(shared.resolve("mnist/train-labels-idx1-ubyte.gz"));
        int[] official = new int[60_000];
        for (int n = 0; n < official.length; n++) {
            official[n] = labelFile[8 + n] & 0xFF;
        }
        assertArrayEquals(official, train.labels());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, Arrays.copyOf(train.labels(), 5));
        byte[] imageFile = DataFiles.readAll(shared.resolve("mnist/train-images-idx3-ubyte.gz"));
        assertArrayEquals(Arrays.copyOfRange(imageFile, 16, 16 + 784), Arrays.copyOf(train.pixels(), 784));
    }

    @Test
    void cifar10HasTheOfficialLabelsAndClassBalance() throws IOException {
        Path shared = require("cifar10");
        TrainTestSplit cifar = Cifar10.load(SharedData.locator(shared, home));
        LabeledImages train = cifar.train();
        LabeledImages test = cifar.test();
        assertEquals(50_000, train.count());
        assertEquals(10_000, test.count());
        int[] fiveThousand = new int[10];
        Arrays.fill(fiveThousand, 5_000);
        assertArrayEquals(fiveThousand, train.classCounts());
        int[] oneThousand = new int[10];
        Arrays.fill(oneThousand, 1_000);
        assertArrayEquals(oneThousand, test.classCounts());
        assertEquals(Cifar10.DEFAULT_CLASS_NAMES, train.classNames());

        Path exact = shared.resolve("cifar10_exact_subset");
        Assumptions.assumeTrue(Files.isDirectory(exact), SharedData.absentReason("cifar10_exact_subset"));
        assertArrayEquals(labelsOf(exact.resolve("data_batch_1.labels.bin")), Arrays.copyOf(train.labels(), 10_000));
        assertArrayEquals(labelsOf(exact.resolve("test_batch.labels.bin")), test.labels());

        // The full copy's pixels were JPEG-decoded: close to the exact ones, about 5.8 apart on average.
        LabeledImages exactFirst = Cifar10.readBatch(exact.resolve("data_batch_1.first1017.bin.gz"));
        byte[] approximate = train.first(exactFirst.count()).pixels();
        byte[] official = exactFirst.pixels();
        long difference = 0;
        for (int i = 0; i < official.length; i++) {
            difference += Math.abs((official[i] & 0xFF) - (approximate[i] & 0xFF));
        }
        double mean = (double) difference / official.length;
        assertTrue(mean < 10, "mean absolute pixel difference to the exact records is " + mean);
    }

    @Test
    void exactCifar10RecordsLoadThroughReadBatch() throws IOException {
        Path exact = require("cifar10_exact_subset").resolve("cifar10_exact_subset");
        LabeledImages first = Cifar10.readBatch(exact.resolve("test_batch.first1017.bin.gz"));
        assertEquals(1017, first.count());
        assertArrayEquals(Arrays.copyOf(labelsOf(exact.resolve("test_batch.labels.bin")), 1017), first.labels());
        assertArrayEquals(new int[] {3, 8, 8, 0, 6, 6, 1, 6}, Arrays.copyOf(first.labels(), 8));
        byte[] records = DataFiles.readAll(exact.resolve("test_batch.first1017.bin.gz"));
        byte[] lastImage = Arrays.copyOfRange(records, 1016 * Cifar10.RECORD_BYTES + 1, 1017 * Cifar10.RECORD_BYTES);
        byte[] pixels = first.pixels();
        assertArrayEquals(lastImage, Arrays.copyOfRange(pixels, 1016 * Cifar10.IMAGE_BYTES, pixels.length));
    }

    private static int[] labelsOf(Path labelFile) throws IOException {
        byte[] bytes = Files.readAllBytes(labelFile);
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = bytes[i] & 0xFF;
        }
        return labels;
    }
}
