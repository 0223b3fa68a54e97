package org.conv4j.zoo.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.conv4j.layers.data.Dataset;
import org.conv4j.layers.data.Samples;
import org.conv4j.zoo.images.ImageFiles;

/**
 * Keras's {@code image_dataset_from_directory}: one subfolder per class (class names = the sorted
 * subfolder names, hidden ones left out, or the given {@code classNames} in their order), images
 * found recursively in each (.bmp, .gif, .jpeg, .jpg, .png, any case; folders and files sorted as
 * Keras's os.walk listing), shuffled as Keras shuffles them (NumPy's RandomState(seed)) and split
 * as Keras splits them (the last int(split * n) files are the validation subset), so a seed gives
 * Keras's files in each subset. Images are decoded by ImageIO when a batch is made (grey and
 * palette images become RGB), resized as tf.image.resize (bilinear or nearest) to the image size,
 * values in [0, 255]; labels as {@code labelMode}: "int" (class index), "categorical" (one-hot) or
 * "binary" (one 0/1 value, two classes). The dataset reshuffles every epoch when shuffling, and
 * prefetches batches on two threads.
 *
 * <p>Beyond Keras: {@code perClassLimit} keeps a seeded random subset of each class, and
 * {@code skipUnreadable} checks every image when indexing and leaves out the ones ImageIO cannot
 * read, with one warning line (without it, an unreadable image fails the batch that reads it, with
 * its path). An empty folder, or a class without images, is an error naming it.
 */
public final class ImageFolders {
    private static final List<String> FORMATS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");

    private ImageFolders() {}

    /** The options of image_dataset_from_directory, Keras's defaults from {@link #defaults()}. */
    public record Options(int height, int width, int batchSize, String labelMode, List<String> classNames, String colorMode,
                          boolean shuffle, Long seed, double validationSplit, String subset, String interpolation,
                          int perClassLimit, boolean skipUnreadable) {
        /** image_size (256, 256), batch_size 32, label_mode "int", color_mode "rgb", shuffle, bilinear. */
        public static Options defaults() {
            return new Options(256, 256, 32, "int", null, "rgb", true, null, 0, null, "bilinear", 0, false);
        }

        public Options imageSize(int h, int w) {
            return new Options(h, w, batchSize, labelMode, classNames, colorMode, shuffle, seed, validationSplit, subset, interpolation,
                    perClassLimit, skipUnreadable);
        }

        public Options batchSize(int n) {
            return new Options(height, width, n, labelMode, classNames, colorMode, shuffle, seed, validationSplit, subset, interpolation,
                    perClassLimit, skipUnreadable);
        }

        public Options labelMode(String mode) {
            return new Options(height, width, batchSize, mode, classNames, colorMode, shuffle, seed, validationSplit, subset, interpolation,
                    perClassLimit, skipUnreadable);
        }

        /** Keras's class_names: these subfolders, labelled in this order. */
        public Options classNames(List<String> names) {
            return new Options(height, width, batchSize, labelMode, List.copyOf(names), colorMode, shuffle, seed, validationSplit, subset,
                    interpolation, perClassLimit, skipUnreadable);
        }

        public Options colorMode(String mode) {
            return new Options(height, width, batchSize, labelMode, classNames, mode, shuffle, seed, validationSplit, subset, interpolation,
                    perClassLimit, skipUnreadable);
        }

        public Options shuffle(boolean s, Long withSeed) {
            return new Options(height, width, batchSize, labelMode, classNames, colorMode, s, withSeed, validationSplit, subset,
                    interpolation, perClassLimit, skipUnreadable);
        }

        public Options split(double fraction, String which) {
            return new Options(height, width, batchSize, labelMode, classNames, colorMode, shuffle, seed, fraction, which, interpolation,
                    perClassLimit, skipUnreadable);
        }

        public Options interpolation(String method) {
            return new Options(height, width, batchSize, labelMode, classNames, colorMode, shuffle, seed, validationSplit, subset, method,
                    perClassLimit, skipUnreadable);
        }

        public Options perClassLimit(int n) {
            return new Options(height, width, batchSize, labelMode, classNames, colorMode, shuffle, seed, validationSplit, subset,
                    interpolation, n, skipUnreadable);
        }

        public Options skipUnreadable(boolean skip) {
            return new Options(height, width, batchSize, labelMode, classNames, colorMode, shuffle, seed, validationSplit, subset,
                    interpolation, perClassLimit, skip);
        }
    }

    /**
     * A folder's dataset, with what Keras attaches to it: the class names, and the files and labels
     * in dataset order; {@code samples} are its images one by one (decoded and resized when read,
     * labelled as the label mode says) in that order, for a pipeline of one's own.
     */
    public record ImageFolder(Dataset dataset, List<String> classNames, List<Path> files, int[] labels, Samples samples) {}

    public static ImageFolder imageDatasetFromDirectory(Path directory, Options o) throws IOException {
        check(o);
        if (!Files.isDirectory(directory)) {
            throw new IOException("image folder " + directory + " does not exist or is not a folder");
        }
        List<String> classes = classNames(directory, o.classNames());
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> found = images(directory.resolve(classes.get(c)));
            if (o.perClassLimit() > 0 && found.size() > o.perClassLimit()) {
                List<Path> chosen = new ArrayList<>(found);
                new NumpyRandomState(o.seed() == null ? 0 : o.seed()).shuffle(chosen);
                found = chosen.subList(0, o.perClassLimit()).stream().sorted(ImageFolders::walkOrder).toList();
            }
            if (o.skipUnreadable()) {
                found = readable(found);
            }
            if (found.isEmpty()) {
                throw new IOException("class folder " + directory.resolve(classes.get(c)) + " holds no image (" + String.join(", ", FORMATS) + ")");
            }
            for (Path f : found) {
                files.add(f);
                labels.add(c);
            }
        }
        long seed = o.seed() != null ? o.seed() : new java.util.Random().nextInt(1_000_000);
        if (o.shuffle()) {
            if (o.seed() == null && o.validationSplit() > 0) {
                throw new IllegalArgumentException("a validation split of shuffled files needs a seed (Keras's rule), so that the "
                        + "training and validation subsets do not overlap");
            }
            new NumpyRandomState(seed).shuffle(files);
            new NumpyRandomState(seed).shuffle(labels);
        }
        int from = 0, to = files.size();
        if (o.validationSplit() > 0) {
            int validation = (int) (o.validationSplit() * files.size()), training = files.size() - validation;
            if ("training".equals(o.subset())) {
                to = training;
            } else {
                from = training;
            }
        }
        List<Path> chosenFiles = List.copyOf(files.subList(from, to));
        int[] chosenLabels = labels.subList(from, to).stream().mapToInt(Integer::intValue).toArray();
        Samples samples = new FolderSamples(chosenFiles, chosenLabels, classes.size(), o);
        Dataset d = Dataset.fromSamples(samples);
        if (o.shuffle()) {
            d = d.shuffle(seed);
        }
        return new ImageFolder(d.batch(o.batchSize()).prefetch(4, 2), classes, chosenFiles, chosenLabels, samples);
    }

    private static void check(Options o) {
        if (o.height() < 1 || o.width() < 1 || o.batchSize() < 1) {
            throw new IllegalArgumentException("image size and batch size must be positive, got " + o.height() + "x" + o.width()
                    + " and " + o.batchSize());
        }
        if (!List.of("int", "categorical", "binary").contains(o.labelMode())) {
            throw new IllegalArgumentException("label mode '" + o.labelMode() + "': expected int, categorical or binary");
        }
        if (!List.of("rgb", "grayscale").contains(o.colorMode())) {
            throw new IllegalArgumentException("color mode '" + o.colorMode() + "': expected rgb or grayscale");
        }
        if (!List.of("bilinear", "nearest").contains(o.interpolation())) {
            throw new IllegalArgumentException("interpolation '" + o.interpolation() + "': expected bilinear or nearest");
        }
        if (o.validationSplit() < 0 || o.validationSplit() >= 1) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + o.validationSplit());
        }
        if (o.validationSplit() > 0 && !"training".equals(o.subset()) && !"validation".equals(o.subset())) {
            throw new IllegalArgumentException("with a validation split, subset must be training or validation, got " + o.subset());
        }
    }

    /** Sorted subfolders not starting with '.', or the given names (each must be a subfolder). */
    private static List<String> classNames(Path directory, List<String> given) throws IOException {
        List<String> subdirs;
        try (Stream<Path> s = Files.list(directory)) {
            subdirs = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList();
        }
        if (given != null) {
            for (String n : given) {
                if (!subdirs.contains(n)) {
                    throw new IOException("class '" + n + "' is not a subfolder of " + directory + " (it has " + subdirs + ")");
                }
            }
            return List.copyOf(given);
        }
        if (subdirs.isEmpty()) {
            throw new IOException("image folder " + directory + " has no class subfolders (one folder of images per class)");
        }
        return subdirs;
    }

    /** The images under a class folder, in os.walk's sorted order: folder by folder (sorted by path), files sorted. */
    private static List<Path> images(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return FORMATS.stream().anyMatch(n::endsWith);
            }).sorted(ImageFolders::walkOrder).toList();
        }
    }

    /** Keras's order: by the folder's path string, then by file name. */
    private static int walkOrder(Path a, Path b) {
        int byFolder = a.getParent().toString().compareTo(b.getParent().toString());
        return byFolder != 0 ? byFolder : a.getFileName().toString().compareTo(b.getFileName().toString());
    }

    private static List<Path> readable(List<Path> files) {
        List<Path> ok = new ArrayList<>();
        int skipped = 0;
        Path first = null;
        for (Path f : files) {
            try {
                ImageFiles.readRgb(f, new int[2]);
                ok.add(f);
            } catch (IOException | RuntimeException e) {
                skipped++;
                first = first == null ? f : first;
            }
        }
        if (skipped > 0) {
            System.err.println("conv4j: skipped " + skipped + " unreadable image" + (skipped == 1 ? "" : "s") + " (first: " + first + ")");
        }
        return ok;
    }

    /** The images of a folder, decoded and resized when read. */
    private static final class FolderSamples implements Samples {
        private final List<Path> files;
        private final int[] labels;
        private final int classes;
        private final Options o;
        private final int channels;

        FolderSamples(List<Path> files, int[] labels, int classes, Options o) {
            if (o.labelMode().equals("binary") && classes != 2) {
                throw new IllegalArgumentException("label mode binary needs 2 classes, the folder has " + classes);
            }
            this.files = files;
            this.labels = labels;
            this.classes = classes;
            this.o = o;
            this.channels = o.colorMode().equals("rgb") ? 3 : 1;
        }

        @Override
        public int size() {
            return files.size();
        }

        @Override
        public int[] shape() {
            return new int[] {channels, o.height(), o.width()};
        }

        @Override
        public int[] labelShape() {
            return switch (o.labelMode()) {
                case "categorical" -> new int[] {classes};
                case "binary" -> new int[] {1};
                default -> new int[0];
            };
        }

        @Override
        public void read(int index, float[] dst, int offset) {
            Path f = files.get(index);
            int[] size = new int[2];
            float[] rgb;
            try {
                rgb = ImageFiles.readRgb(f, size);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image " + f + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot decode image " + f + " (damaged or truncated?): " + e, e);
            }
            float[] planes = channels == 3 ? rgb : ImageFiles.toGrey(rgb, size[0], size[1]);
            float[] resized = o.interpolation().equals("nearest")
                    ? ImageFiles.resizeNearest(planes, channels, size[0], size[1], o.height(), o.width())
                    : ImageFiles.resizeBilinear(planes, channels, size[0], size[1], o.height(), o.width());
            System.arraycopy(resized, 0, dst, offset, resized.length);
        }

        @Override
        public void readLabel(int index, float[] dst, int offset) {
            if (o.labelMode().equals("categorical")) {
                java.util.Arrays.fill(dst, offset, offset + classes, 0f);
                dst[offset + labels[index]] = 1f;
            } else {
                dst[offset] = labels[index];
            }
        }
    }
}
