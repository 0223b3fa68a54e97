package org.conv4j.zoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads CIFAR-10 in its official binary layout. A batch file is a sequence of 3073-byte records:
 * 1 label byte (0-9), then 3072 pixel bytes, the red plane, then green, then blue, each 32x32 row
 * major, which is already the NCHW layout of {@link LabeledImages}.
 *
 * <p>Where it looks, in each folder of the {@link DataLocator}: the batches {@code data_batch_1..5.bin}
 * and {@code test_batch.bin}, plain or gzipped, in {@code cifar10/} or {@code cifar-10-batches-bin/};
 * failing that, the official archive {@code cifar-10-binary.tar.gz}; failing that, it downloads the
 * archive into the cache.
 */
public final class Cifar10 {
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    public static final String ARCHIVE_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    public static final String ARCHIVE_MD5 = "c32a1d4ab5d03f1753b7a5fc0b4b0bb0";
    public static final List<String> DEFAULT_CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    static final int CHANNELS = 3;
    static final int SIDE = 32;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;

    private static final List<String> FOLDERS = List.of("cifar10", "cifar-10-batches-bin");
    /** The folder of the batches inside the official archive. */
    private static final String ARCHIVE_FOLDER = "cifar-10-batches-bin/";
    private static final String META = "batches.meta.txt";
    private static final List<String> TRAIN_BATCHES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    private static final String TEST_BATCH = "test_batch.bin";
    private static final List<String> ALL_BATCHES =
            Stream.concat(TRAIN_BATCHES.stream(), Stream.of(TEST_BATCH)).toList();

    private Cifar10() {}

    /** Train (batches 1 to 5 in order, 50,000 images) and test (10,000 images). */
    public static TrainTestSplit load(DataLocator locator) throws IOException {
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String batch : ALL_BATCHES) {
            locator.findAny(candidates(batch)).ifPresentOrElse(path -> found.put(batch, path), () -> missing.add(batch));
        }
        if (missing.isEmpty()) {
            return fromFiles(found);
        }
        Optional<Path> archive = locator.find(ARCHIVE);
        if (archive.isPresent()) {
            return fromArchive(archive.get());
        }
        if (!found.isEmpty()) {
            throw new IOException("CIFAR-10 is incomplete: found " + found.values() + " but not " + missing
                    + " (plain .bin or gzipped .bin.gz) in cifar10/ or cifar-10-batches-bin/ under any of "
                    + locator.roots() + ". Put the missing batches next to the others, or the official archive "
                    + ARCHIVE + " (from " + ARCHIVE_URL + ") into one of those folders.");
        }
        try {
            return fromArchive(locator.fetch(ARCHIVE, ARCHIVE_URL, ARCHIVE_MD5));
        } catch (IOException e) {
            throw new IOException("CIFAR-10 is not available locally: looked for data_batch_1..5.bin and test_batch.bin"
                    + " (each may be gzipped as .bin.gz) in cifar10/ and cifar-10-batches-bin/ under " + locator.roots()
                    + ", and for the archive " + ARCHIVE + " in those folders.\n" + e.getMessage(), e);
        }
    }

    /** One batch file, plain or gzipped; class names come from batches.meta.txt next to it, if there. */
    public static LabeledImages readBatch(Path file) throws IOException {
        Path meta = file.resolveSibling(META);
        List<String> names = Files.isRegularFile(meta)
                ? parseClassNames(Files.readString(meta, StandardCharsets.UTF_8), meta.toString())
                : DEFAULT_CLASS_NAMES;
        return parseBatch(DataFiles.readAll(file), file.toString(), names);
    }

    private static String[] candidates(String batch) {
        List<String> paths = new ArrayList<>();
        for (String folder : FOLDERS) {
            paths.add(folder + "/" + batch);
            paths.add(folder + "/" + batch + ".gz");
        }
        return paths.toArray(String[]::new);
    }

    private static TrainTestSplit fromFiles(Map<String, Path> files) throws IOException {
        Map<String, LabeledImages> batches = new HashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            batches.put(file.getKey(), readBatch(file.getValue()));
        }
        return split(batches, batches.get(TRAIN_BATCHES.get(0)).classNames());
    }

    /** Reads the batches out of the official archive in one pass over it. */
    private static TrainTestSplit fromArchive(Path archive) throws IOException {
        Map<String, LabeledImages> batches = new HashMap<>();
        List<String> names = DEFAULT_CLASS_NAMES;
        try (InputStream in = DataFiles.open(archive)) {
            TarReader tar = new TarReader(in, archive.toString());
            for (String entry = tar.nextFile(); entry != null; entry = tar.nextFile()) {
                String name = entry.startsWith(ARCHIVE_FOLDER) ? entry.substring(ARCHIVE_FOLDER.length()) : "";
                String source = archive + "!" + entry;
                if (ALL_BATCHES.contains(name)) {
                    batches.put(name, parseBatch(tar.readContent(), source, DEFAULT_CLASS_NAMES));
                } else if (name.equals(META)) {
                    names = parseClassNames(new String(tar.readContent(), StandardCharsets.UTF_8), source);
                }
            }
        } catch (IOException e) {
            throw DataFiles.withFileName(archive, e);
        }
        List<String> missing = ALL_BATCHES.stream().filter(batch -> !batches.containsKey(batch)).toList();
        if (!missing.isEmpty()) {
            throw new IOException(archive + ": the archive lacks " + missing + ", expected entries "
                    + ARCHIVE_FOLDER + "<batch>; replace it with the official " + ARCHIVE_URL);
        }
        return split(batches, names);
    }

    private static TrainTestSplit split(Map<String, LabeledImages> batches, List<String> names) {
        List<LabeledImages> train = TRAIN_BATCHES.stream().map(batches::get).toList();
        return new TrainTestSplit(LabeledImages.concat(train).withClassNames(names),
                batches.get(TEST_BATCH).withClassNames(names));
    }

    /** Splits the records of one batch into labels and NCHW pixels; {@code source} names it in errors. */
    static LabeledImages parseBatch(byte[] data, String source, List<String> names) throws IOException {
        int count = data.length / RECORD_BYTES;
        int partial = data.length % RECORD_BYTES;
        if (data.length == 0) {
            throw new IOException(source + ": the file is empty, expected CIFAR-10 records of " + RECORD_BYTES + " bytes");
        }
        if (partial != 0) {
            throw new IOException(source + ": " + data.length + " bytes is not a multiple of the " + RECORD_BYTES
                    + "-byte CIFAR-10 record (1 label byte + " + IMAGE_BYTES + " pixel bytes): record " + count
                    + " is truncated, it has " + partial + " of its " + RECORD_BYTES
                    + " bytes. The file is cut off or not a CIFAR-10 binary batch; fetch it again.");
        }
        byte[] pixels = new byte[count * IMAGE_BYTES];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            int label = data[n * RECORD_BYTES] & 0xFF;
            if (label >= DEFAULT_CLASS_NAMES.size()) {
                throw new IOException(source + ": record " + n + " (byte offset " + (long) n * RECORD_BYTES
                        + ") has label " + label + ", expected 0-9. Is this a CIFAR-10 binary batch (not CIFAR-100"
                        + " or the python version)?");
            }
            labels[n] = label;
            System.arraycopy(data, n * RECORD_BYTES + 1, pixels, n * IMAGE_BYTES, IMAGE_BYTES);
        }
        return LabeledImages.wrap(count, CHANNELS, SIDE, SIDE, pixels, labels, names);
    }

    /** The class names of batches.meta.txt: one a line, in label order, blank lines ignored. */
    static List<String> parseClassNames(String text, String source) throws IOException {
        List<String> names = text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        if (names.size() != DEFAULT_CLASS_NAMES.size()) {
            throw new IOException(source + ": expected " + DEFAULT_CLASS_NAMES.size()
                    + " class names, one a line, found " + names.size() + ": " + names);
        }
        return names;
    }
}
