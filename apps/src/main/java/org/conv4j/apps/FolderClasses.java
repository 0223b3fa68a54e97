package org.conv4j.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.conv4j.apps.practical.PracticalData;

/**
 * The number of classes of an image folder, before any image is read: the subfolders of its class
 * root ({@link PracticalData#classRoot}: train/ when it has train/ and validation/), as
 * image_dataset_from_directory counts them.
 */
final class FolderClasses {
    private FolderClasses() {}

    static int count(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("image folder " + folder + " does not exist or is not a folder");
        }
        Path root = PracticalData.classRoot(folder);
        try (Stream<Path> s = Files.list(root)) {
            long n = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).count();
            if (n < 2) {
                throw new IllegalArgumentException("image folder " + root + " has " + n + " class subfolder" + (n == 1 ? "" : "s")
                        + ": it needs one folder of images per class, two at least");
            }
            return (int) n;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list the image folder " + root + ": " + e.getMessage(), e);
        }
    }
}
