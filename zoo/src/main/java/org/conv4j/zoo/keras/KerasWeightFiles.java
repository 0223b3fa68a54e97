package org.conv4j.zoo.keras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.conv4j.zoo.data.DataLocator;

/**
 * Finds a Keras application weights file the way a Keras user expects: in {@code keras/} under
 * --data-dir and $CONV4J_DATA, then in Keras's own cache {@code ~/.keras/models/} (so a Keras
 * user's downloads work), then in conv4j's cache {@code ~/.conv4j/keras/}; failing all, it is
 * downloaded from Keras's official URL into conv4j's cache, checked against Keras's checksum when
 * Keras publishes one. Offline, the error names the file and every place it may be put.
 */
public final class KerasWeightFiles {
    private final DataLocator locator;
    private final Path kerasCache;

    public KerasWeightFiles(DataLocator locator) {
        this(locator, Path.of(System.getProperty("user.home"), ".keras", "models"));
    }

    public KerasWeightFiles(DataLocator locator, Path kerasCache) {
        this.locator = locator;
        this.kerasCache = kerasCache;
    }

    /** The places searched for {@code fileName}, in order. */
    public List<Path> candidates(String fileName) {
        List<Path> out = new ArrayList<>();
        List<Path> roots = locator.roots();
        for (Path root : roots.subList(0, roots.size() - 1)) {
            out.add(root.resolve("keras").resolve(fileName));
        }
        out.add(kerasCache.resolve(fileName));
        out.add(locator.cacheDir().resolve("keras").resolve(fileName));
        return out;
    }

    /** The first existing candidate, without downloading. */
    public Optional<Path> find(String fileName) {
        return candidates(fileName).stream().filter(Files::isRegularFile).findFirst();
    }

    /** A local copy of {@code fileName}, downloading it from {@code url} when there is none. */
    public Path resolve(String fileName, String url, String checksum) throws IOException {
        Optional<Path> local = find(fileName);
        if (local.isPresent()) {
            return local.get();
        }
        try {
            return locator.fetch("keras/" + fileName, url, checksum);
        } catch (IOException e) {
            StringBuilder where = new StringBuilder();
            for (Path p : candidates(fileName)) {
                where.append("\n  ").append(p);
            }
            throw new IOException("Keras weights " + fileName + " are not here and could not be downloaded from " + url
                    + " (" + e.getMessage().lines().findFirst().orElse("") + "). Put the file in one of:" + where
                    + "\n(or point --data-dir / " + DataLocator.ENV_VAR + " at a folder holding keras/" + fileName + ")", e);
        }
    }
}
