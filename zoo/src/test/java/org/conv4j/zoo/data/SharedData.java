package org.conv4j.zoo.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's shared data folder, named by the CONV4J_DATA environment variable. CI sets it to
 * {@code ../shared/data}, relative to the project root, but surefire runs the tests of a module
 * with the module folder as working directory, one level deeper; so a relative value is tried as
 * given (against the working directory) and then against the parent folder.
 */
final class SharedData {
    private SharedData() {}

    static Optional<Path> dir() {
        String value = System.getenv(DataLocator.ENV_VAR);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path asGiven = Path.of(value).toAbsolutePath();
        if (Files.isDirectory(asGiven)) {
            return Optional.of(asGiven);
        }
        Path fromParent = Path.of("..").resolve(value).toAbsolutePath().normalize();
        return Path.of(value).isAbsolute() || !Files.isDirectory(fromParent) ? Optional.empty() : Optional.of(fromParent);
    }

    /** Why the shared-data tests skip, for the assumption message. */
    static String absentReason(String subfolder) {
        return "shared data set absent: set " + DataLocator.ENV_VAR + " to a folder holding " + subfolder
                + " (now " + System.getenv(DataLocator.ENV_VAR) + ", working directory " + Path.of("").toAbsolutePath() + ")";
    }

    /** {@code <shared>/<subfolder>} when it exists. */
    static Optional<Path> folder(String subfolder) {
        return dir().map(d -> d.resolve(subfolder)).filter(Files::isDirectory);
    }

    /** A locator that searches only the shared folder and never downloads. */
    static DataLocator locator(Path shared, Path home) {
        return new DataLocator(shared, null, home, false);
    }
}
