package org.conv4j.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The number of classes of an image folder, before any image is read: its class subfolders (of train/ when it has one). */
final class FolderClasses {
    private FolderClasses() {}

    static int count(Path folder) {
        Path root = Files.isDirectory(folder.resolve("train")) ? folder.resolve("train") : folder;
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("image folder " + folder + " does not exist or is not a folder");
        }
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
