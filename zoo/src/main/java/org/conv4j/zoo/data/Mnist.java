package org.conv4j.zoo.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads MNIST from its IDX files, each plain or gzipped, in {@code <root>/mnist/} of a
 * {@link DataLocator} folder, downloading missing ones into the cache.
 *
 * <p>IDX layout, all integers big-endian: an images file is magic 2051, image count, rows, columns
 * (16 bytes), then count*rows*columns pixel bytes, image after image, row major; a labels file is
 * magic 2049, label count (8 bytes), then one byte per label. Images load as (N, 1, rows, columns).
 */
public final class Mnist {
    public static final String BASE_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/";
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String FOLDER = "mnist";
    private static final int IMAGES_MAGIC = 2051;
    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_MAGIC = 2049;
    private static final int LABELS_HEADER = 8;
    /** SHA-256 of the official gzipped files. */
    private static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    private Mnist() {}

    /** Train (60,000 images) and test (10,000 images). */
    public static TrainTestSplit load(DataLocator locator) throws IOException {
        return new TrainTestSplit(load(locator, "train"), load(locator, "t10k"));
    }

    private static LabeledImages load(DataLocator locator, String prefix) throws IOException {
        return read(locate(locator, prefix + "-images-idx3-ubyte"), locate(locator, prefix + "-labels-idx1-ubyte"));
    }

    private static Path locate(DataLocator locator, String name) throws IOException {
        Optional<Path> local = locator.findAny(FOLDER + "/" + name, FOLDER + "/" + name + ".gz");
        String gz = name + ".gz";
        return local.isPresent() ? local.get() : locator.fetch(FOLDER + "/" + gz, BASE_URL + gz, SHA256.get(gz));
    }

    /** One pair of IDX files, each plain or gzipped, holding the same number of images and labels. */
    public static LabeledImages read(Path imagesFile, Path labelsFile) throws IOException {
        byte[] images = DataFiles.readAll(imagesFile);
        ByteBuffer imageHeader = header(images, imagesFile, IMAGES_MAGIC, IMAGES_HEADER, "images (3 dimensions)");
        int count = imageHeader.getInt(4);
        int rows = imageHeader.getInt(8);
        int columns = imageHeader.getInt(12);
        if (count < 0 || rows <= 0 || columns <= 0) {
            throw new IOException(imagesFile + ": header says " + count + " images of " + rows + "x" + columns
                    + ", expected a count >= 0 and positive sizes; the file is corrupt");
        }
        checkLength(images, imagesFile, IMAGES_HEADER + (long) count * rows * columns,
                count + " images of " + rows + "x" + columns + " pixels");

        byte[] labelBytes = DataFiles.readAll(labelsFile);
        int labelCount = header(labelBytes, labelsFile, LABELS_MAGIC, LABELS_HEADER, "labels (1 dimension)").getInt(4);
        checkLength(labelBytes, labelsFile, LABELS_HEADER + (long) labelCount, labelCount + " labels");
        if (labelCount != count) {
            throw new IOException(labelsFile + " holds " + labelCount + " labels but " + imagesFile + " holds " + count
                    + " images; expected the same count. Are the two files from the same set (train vs t10k)?");
        }
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            labels[n] = labelBytes[LABELS_HEADER + n] & 0xFF;
            if (labels[n] >= CLASS_NAMES.size()) {
                throw new IOException(labelsFile + ": label " + n + " is " + labels[n] + ", expected 0-9");
            }
        }
        byte[] pixels = Arrays.copyOfRange(images, IMAGES_HEADER, images.length);
        return LabeledImages.wrap(count, 1, rows, columns, pixels, labels, CLASS_NAMES);
    }

    /** The header of an IDX file, after checking its magic number (first, as the likelier mistake) and length. */
    private static ByteBuffer header(byte[] data, Path file, int magic, int headerBytes, String kind) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(data);
        if (data.length >= Integer.BYTES && header.getInt(0) != magic) {
            int actual = header.getInt(0);
            throw new IOException(file + ": magic number " + actual + " (0x" + Integer.toHexString(actual)
                    + "), expected " + magic + " for IDX unsigned-byte " + kind + ". Is this the right MNIST file?");
        }
        if (data.length < headerBytes) {
            throw new IOException(file + ": " + data.length + " bytes, too short for the " + headerBytes
                    + "-byte IDX header of MNIST " + kind + "; the file is cut off");
        }
        return header;
    }

    private static void checkLength(byte[] data, Path file, long expected, String content) throws IOException {
        if (data.length != expected) {
            throw new IOException(file + ": the header announces " + content + ", so the file should hold "
                    + expected + " bytes, but it holds " + data.length
                    + (data.length < expected ? " (truncated; fetch it again)" : " (trailing bytes; the file is corrupt)"));
        }
    }
}
