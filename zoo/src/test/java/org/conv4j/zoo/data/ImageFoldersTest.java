package org.conv4j.zoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.conv4j.layers.data.Batch;
import org.conv4j.layers.data.Dataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image_dataset_from_directory's rules on generated folder trees and on cats_vs_dogs_small; NumPy's shuffle. */
class ImageFoldersTest {
    @Test
    void numpyRandomStateShufflesAsNumpy() {
        // np.random.RandomState(42).shuffle(list(range(10))) and RandomState(1337) on 25, run with NumPy 1.24
        List<Integer> ten = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
        new NumpyRandomState(42).shuffle(ten);
        assertEquals(List.of(8, 1, 5, 0, 7, 2, 9, 4, 3, 6), ten);
        List<Integer> many = new ArrayList<>(IntStream.range(0, 25).boxed().toList());
        new NumpyRandomState(1337).shuffle(many);
        assertEquals(List.of(13, 4, 5, 17, 3, 0, 11, 12, 2, 14, 15, 1, 19, 21, 10, 16, 6, 9, 24, 20, 18, 22, 7, 8, 23), many);
        NumpyRandomState zero = new NumpyRandomState(0);
        double sample = ((zero.nextUint32() >>> 5) * 67108864.0 + (zero.nextUint32() >>> 6)) / 9007199254740992.0;
        assertEquals(0.5488135039273248, sample, 0, "RandomState(0).random_sample()");
    }

    private static void image(Path file, int rgb, String format) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        assertTrue(ImageIO.write(img, format, file.toFile()));
    }

    /** Five classes; "c_grey" holds a grey PNG, "d_palette" a palette PNG, "b" a nested folder; a hidden folder and a text file. */
    private static Path tree(Path root) throws IOException {
        for (int c = 0; c < 5; c++) {
            String name = List.of("a", "b", "c_grey", "d_palette", "e").get(c);
            for (int i = 0; i < 4; i++) {
                image(root.resolve(name).resolve("img" + i + (i % 2 == 0 ? ".png" : ".JPG")), (c * 40) << 16 | 0x20 << 8 | i, i % 2 == 0 ? "png" : "jpg");
            }
        }
        image(root.resolve("b").resolve("deeper").resolve("x.png"), 0x102030, "png");
        BufferedImage grey = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 100);
        ImageIO.write(grey, "png", root.resolve("c_grey").resolve("grey.png").toFile());
        byte[] r = {(byte) 200, 10}, g = {50, 20}, b = {(byte) 150, 30};
        BufferedImage palette = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, b));
        ImageIO.write(palette, "png", root.resolve("d_palette").resolve("palette.png").toFile());
        Files.createDirectories(root.resolve(".hidden"));
        Files.writeString(root.resolve("a").resolve("notes.txt"), "not an image");
        return root;
    }

    @Test
    void classesLabelsOrderAndSplitFollowKeras(@TempDir Path dir) throws IOException {
        Path root = tree(dir.resolve("tree"));
        ImageFolders.Options o = ImageFolders.Options.defaults().imageSize(4, 6).batchSize(5).shuffle(false, null);
        ImageFolders.ImageFolder all = ImageFolders.imageDatasetFromDirectory(root, o);
        assertEquals(List.of("a", "b", "c_grey", "d_palette", "e"), all.classNames());
        assertEquals(23, all.files().size());
        assertEquals(List.of("img0.png", "img1.JPG", "img2.png", "img3.JPG", "img0.png", "img1.JPG", "img2.png", "img3.JPG", "x.png"),
                all.files().subList(0, 9).stream().map(p -> p.getFileName().toString()).toList(), "a's files, then b's, b/deeper last");
        assertEquals(1, all.labels()[8]);
        // Keras: shuffle the 23 files with RandomState(seed), the last int(0.2 * 23) = 4 are the validation subset
        ImageFolders.ImageFolder train = ImageFolders.imageDatasetFromDirectory(root, o.shuffle(true, 1337L).split(0.2, "training"));
        ImageFolders.ImageFolder val = ImageFolders.imageDatasetFromDirectory(root, o.shuffle(true, 1337L).split(0.2, "validation"));
        assertEquals(19, train.files().size());
        assertEquals(4, val.files().size());
        List<Path> expected = new ArrayList<>(all.files());
        new NumpyRandomState(1337).shuffle(expected);
        assertEquals(expected.subList(19, 23), val.files());
        HashSet<Path> union = new HashSet<>(train.files());
        union.addAll(val.files());
        assertEquals(23, union.size(), "the subsets are disjoint and cover every file");
        for (int i = 0; i < val.files().size(); i++) {
            assertEquals(all.classNames().indexOf(root.relativize(val.files().get(i)).getName(0).toString()), val.labels()[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> ImageFolders.imageDatasetFromDirectory(root, o.shuffle(true, null).split(0.2, "training")),
                "a shuffled split needs a seed");
    }

    @Test
    void imagesDecodeToRgbAtTheImageSizeWithKerasLabels(@TempDir Path dir) throws IOException {
        Path root = tree(dir.resolve("tree"));
        ImageFolders.Options o = ImageFolders.Options.defaults().imageSize(3, 3).batchSize(64).shuffle(false, null).labelMode("categorical")
                .interpolation("nearest");
        ImageFolders.ImageFolder all = ImageFolders.imageDatasetFromDirectory(root, o);
        Batch b;
        try (Dataset.Pass p = all.dataset().pass(0)) {
            b = p.next();
        }
        assertArrayEquals(new int[] {23, 3, 3, 3}, b.x().shape());
        assertArrayEquals(new int[] {23, 5}, b.y().shape());
        int grey = all.files().indexOf(root.resolve("c_grey").resolve("grey.png"));
        float[] x = b.x().floats();
        int centre = grey * 27 + 4;
        assertEquals(100f, x[centre], 0f, "a grey pixel keeps its value in R, G and B");
        assertEquals(100f, x[centre + 9], 0f);
        assertEquals(100f, x[centre + 18], 0f);
        int palette = all.files().indexOf(root.resolve("d_palette").resolve("palette.png"));
        assertEquals(200f, x[palette * 27], 0f, "a palette image becomes RGB");
        assertEquals(150f, x[palette * 27 + 18], 0f);
        assertEquals(1f, b.y().floats()[grey * 5 + 2], 0f);
        ImageFolders.ImageFolder greyMode = ImageFolders.imageDatasetFromDirectory(root, o.colorMode("grayscale").labelMode("int"));
        try (Dataset.Pass p = greyMode.dataset().pass(0)) {
            Batch g = p.next();
            assertArrayEquals(new int[] {23, 1, 3, 3}, g.x().shape());
            assertArrayEquals(new int[] {23}, g.y().shape());
        }
    }

    @Test
    void unreadableImagesEmptyClassesAndMissingFoldersAreNamedErrors(@TempDir Path dir) throws IOException {
        Path root = tree(dir.resolve("tree"));
        Files.write(root.resolve("e").resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        ImageFolders.Options o = ImageFolders.Options.defaults().imageSize(4, 4).batchSize(64).shuffle(false, null);
        Dataset d = ImageFolders.imageDatasetFromDirectory(root, o).dataset();
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (Dataset.Pass p = d.pass(0)) {
                p.next();
            }
        });
        assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
        assertEquals(23, ImageFolders.imageDatasetFromDirectory(root, o.skipUnreadable(true)).files().size(), "skipped, with one warning");
        Files.createDirectories(root.resolve("f_empty"));
        IOException empty = assertThrows(IOException.class, () -> ImageFolders.imageDatasetFromDirectory(root, o));
        assertTrue(empty.getMessage().contains("f_empty"), empty.getMessage());
        IOException missing = assertThrows(IOException.class, () -> ImageFolders.imageDatasetFromDirectory(dir.resolve("nope"), o));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        Files.delete(root.resolve("f_empty"));
        assertEquals(2 * 5, ImageFolders.imageDatasetFromDirectory(root, o.perClassLimit(2).skipUnreadable(true).shuffle(false, 3L))
                .files().size(), "at most 2 images per class, chosen with the seed");
    }

    @Test
    void catsVsDogsSmallLoadsWithKerasClassOrder() throws IOException {
        String data = System.getenv("CONV4J_DATA");
        Path root = data == null ? null : Path.of(data).resolve("cats_vs_dogs_small");
        Assumptions.assumeTrue(root != null && Files.isDirectory(root), "cats_vs_dogs_small absent: set CONV4J_DATA");
        ImageFolders.Options o = ImageFolders.Options.defaults().imageSize(160, 160).batchSize(32).shuffle(true, 7L);
        ImageFolders.ImageFolder train = ImageFolders.imageDatasetFromDirectory(root.resolve("train"), o);
        ImageFolders.ImageFolder validation = ImageFolders.imageDatasetFromDirectory(root.resolve("validation"), o.labelMode("binary"));
        assertEquals(List.of("cats", "dogs"), train.classNames());
        assertEquals(400, train.files().size());
        assertEquals(200, validation.files().size());
        assertEquals(200, java.util.Arrays.stream(train.labels()).filter(l -> l == 1).count());
        assertEquals(13, train.dataset().batchesPerEpoch());
        try (Dataset.Pass p = validation.dataset().pass(0)) {
            Batch b = p.next();
            assertArrayEquals(new int[] {32, 3, 160, 160}, b.x().shape());
            assertArrayEquals(new int[] {32, 1}, b.y().shape());
        }
    }
}
