package org.conv4j.apps.practical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.conv4j.zoo.data.Cifar10;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.data.ImageFolders;
import org.conv4j.zoo.data.LabeledImages;
import org.conv4j.zoo.data.Mnist;
import org.conv4j.zoo.data.TrainTestSplit;

/**
 * A practical's images: what trains, what validates every epoch (EarlyStopping watches it), and
 * what the final scores, classification report and confusion matrix are measured on. The CIFAR-10
 * practicals validate on the test set, as the course does; the folder practicals have a
 * validation set and no test set, so both are the same set there. When they are one set,
 * {@code heldOut} says what to call it ("test", "validation"); {@code note} says why, for the console.
 */
public record PracticalData(String name, String heldOut, String note, ImageSet train, ImageSet validation, ImageSet test, List<String> classNames) {
    public PracticalData {
        classNames = List.copyOf(classNames);
    }

    /** Reads a practical's data for a run's settings; an IOException names the file or folder that is missing. */
    @FunctionalInterface
    public interface Loader {
        PracticalData load(PracticalRunner.Settings settings) throws IOException;
    }

    /** CIFAR-10, its test set as validation data; --limit-train and --limit-test take the first images of each. */
    public static final Loader CIFAR10 = s -> {
        TrainTestSplit data = Cifar10.load(new DataLocator(s.dataDir()));
        LabeledImages train = limit(data.train(), s.limitTrain()), test = limit(data.test(), s.limitTest());
        ImageSet testSet = ImageSet.of(test);
        return new PracticalData("CIFAR-10", "test", "the test set is the validation data, as in the course", ImageSet.of(train), testSet,
                testSet, train.classNames());
    };

    /**
     * A folder of images for Keras's image_dataset_from_directory at {@code size} x {@code size}:
     * with {@code train/} and {@code validation/} inside (Keras's cats_and_dogs_filtered layout),
     * those two; else one folder of class subfolders, split as Keras splits it with
     * {@code validationSplit} (default 0.2) and the seed. {@code perClassLimit} > 0 keeps a seeded
     * random subset of each class of each folder. There is no test set: the validation set is
     * also what the final scores are measured on.
     */
    public static Loader folder(Path dir, int size, Double validationSplit, int perClassLimit) {
        return s -> {
            if (s.limitTrain() != null || s.limitTest() != null) {
                throw new IllegalArgumentException("--limit-train and --limit-test take CIFAR-10 and MNIST images; for a folder use "
                        + "--per-class-limit N");
            }
            ImageFolders.Options o = ImageFolders.Options.defaults().imageSize(size, size).perClassLimit(perClassLimit)
                    .shuffle(false, s.seed());
            Path train = dir.resolve("train"), validation = dir.resolve("validation");
            ImageFolders.ImageFolder t, v;
            String note;
            if (hasTrainAndValidation(dir)) {
                if (validationSplit != null) {
                    throw new IllegalArgumentException(dir + " has train/ and validation/ folders: --validation-split does not apply");
                }
                t = ImageFolders.imageDatasetFromDirectory(train, o);
                v = ImageFolders.imageDatasetFromDirectory(validation, o.classNames(t.classNames()));
                note = "its validation/ folder; no test set, the final scores are the validation set's";
            } else {
                double split = validationSplit != null ? validationSplit : 0.2;
                if (!(split > 0 && split < 1)) {
                    throw new IllegalArgumentException("--validation-split must be in (0, 1), got " + split);
                }
                ImageFolders.Options shuffled = o.shuffle(true, s.seed());
                t = ImageFolders.imageDatasetFromDirectory(dir, shuffled.split(split, "training"));
                v = ImageFolders.imageDatasetFromDirectory(dir, shuffled.split(split, "validation"));
                note = String.format(Locale.ROOT, "validation_split %.2f of one folder, seed %d; no test set, the final scores are the "
                        + "validation set's", split, s.seed());
            }
            ImageSet validationSet = new ImageSet(v.samples(), v.labels(), true);
            return new PracticalData(dir.getFileName() + " (" + String.join(", ", t.classNames()) + ")", "validation", note,
                    new ImageSet(t.samples(), t.labels(), true), validationSet, validationSet, t.classNames());
        };
    }

    /**
     * MNIST as the transfer practical splits it: Keras's validation_split of {@code validationSplit}
     * (the last part of the training images, before any shuffling) validates every epoch, the
     * official 10,000 test images are the test set; --limit-train and --limit-test first.
     */
    public static Loader mnist(double validationSplit) {
        if (!(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("--validation-split must be in (0, 1), got " + validationSplit);
        }
        return s -> {
            TrainTestSplit data = Mnist.load(new DataLocator(s.dataDir()));
            LabeledImages all = limit(data.train(), s.limitTrain()), test = limit(data.test(), s.limitTest());
            int training = (int) Math.floor(all.count() * (1.0 - validationSplit)); // Keras's split_at
            return new PracticalData("MNIST", "test", String.format(Locale.ROOT, "validation_split %.2f: the last %d training images",
                    validationSplit, all.count() - training), ImageSet.of(all.slice(0, training)),
                    ImageSet.of(all.slice(training, all.count())), ImageSet.of(test), all.classNames());
        };
    }

    /** Keras's cats_and_dogs_filtered layout: {@code train/} and {@code validation/} inside, each with the class subfolders. */
    public static boolean hasTrainAndValidation(Path dir) {
        return Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("validation"));
    }

    /** The folder whose subfolders are the classes: {@code train/} in that layout, else the folder itself. */
    public static Path classRoot(Path dir) {
        return hasTrainAndValidation(dir) ? dir.resolve("train") : dir;
    }

    public static LabeledImages limit(LabeledImages images, Integer limit) {
        return limit == null ? images : images.first(Math.min(limit, images.count()));
    }

    public boolean validatesOnTest() {
        return validation == test;
    }

    public int classes() {
        return classNames.size();
    }

    /** One line for the console: "CIFAR-10: 50000 training images, 10000 test images (the test set is the validation data, ...)". */
    public String describe() {
        String counts = validatesOnTest() ? String.format(Locale.ROOT, "%d training images, %d %s images", train.count(), test.count(),
                heldOut)
                : String.format(Locale.ROOT, "%d training images, %d validation images, %d test images", train.count(),
                validation.count(), test.count());
        return name + ": " + counts + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
