package org.conv4j.zoo.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.conv4j.engine.io.AtomicFiles;

/**
 * Finds data set files. Folders are searched in this order: the {@code --data-dir} given on the
 * command line, the folder named by the {@code CONV4J_DATA} environment variable, then the
 * download cache {@code ~/.conv4j}. A file found nowhere can be downloaded into the cache, checked
 * against its published checksum.
 *
 * <p>Downloads can be switched off with the constructor flag or, for the whole JVM, with the system
 * property {@code conv4j.offline=true} (which wins over the flag); tests use either so that they
 * never touch the network.
 */
public final class DataLocator {
    public static final String ENV_VAR = "CONV4J_DATA";
    public static final String OFFLINE_PROPERTY = "conv4j.offline";

    /** A folder to search and where it came from, for messages. */
    private record Root(Path dir, String origin) {}

    private final List<Root> roots;
    private final Path cacheDir;
    private final boolean downloads;

    /** Searches {@code dataDir} (may be null), then $CONV4J_DATA, then ~/.conv4j; downloads unless conv4j.offline=true. */
    public DataLocator(Path dataDir) {
        this(dataDir, System.getenv(ENV_VAR), Path.of(System.getProperty("user.home")), true);
    }

    /**
     * Searches {@code dataDir}, then {@code envValue} (a relative value is resolved against the
     * current directory), then {@code home/.conv4j}; null or blank values are skipped.
     */
    public DataLocator(Path dataDir, String envValue, Path home, boolean downloadsEnabled) {
        List<Root> found = new ArrayList<>();
        if (dataDir != null) {
            found.add(new Root(dataDir.toAbsolutePath(), "--data-dir"));
        }
        if (envValue != null && !envValue.isBlank()) {
            found.add(new Root(Path.of(envValue).toAbsolutePath(), ENV_VAR + " environment variable"));
        }
        this.cacheDir = home.resolve(".conv4j").toAbsolutePath();
        found.add(new Root(cacheDir, "download cache"));
        this.roots = List.copyOf(found);
        this.downloads = downloadsEnabled && !Boolean.getBoolean(OFFLINE_PROPERTY);
    }

    /** The folders searched, in order; the last one is the cache. */
    public List<Path> roots() {
        return roots.stream().map(Root::dir).toList();
    }

    /** Where downloads go: ~/.conv4j. */
    public Path cacheDir() {
        return cacheDir;
    }

    public boolean downloadsEnabled() {
        return downloads;
    }

    /** The first existing {@code <root>/<relativePath>}, roots in order. */
    public Optional<Path> find(String relativePath) {
        return findAny(relativePath);
    }

    /**
     * The first existing file among the alternatives, for example a plain and a gzipped name: every
     * alternative is tried in the first root before the next root is searched.
     */
    public Optional<Path> findAny(String... relativePaths) {
        for (Root root : roots) {
            for (String relativePath : relativePaths) {
                Path candidate = root.dir().resolve(relativePath);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Downloads {@code url} to {@code <cache>/<relativePath>} and returns that path. The bytes go to a
     * temporary file in the same folder, are checked against {@code checksumHex} (SHA-256 when 64 hex
     * digits, MD5 when 32; null when the publisher gives none) and only then renamed to the target,
     * so an interrupted or corrupt download never looks like a good file.
     *
     * @throws IOException when downloads are disabled or fail (the message says where to put the
     *     file by hand), or when the checksum does not match (the download is deleted)
     */
    public Path fetch(String relativePath, String url, String checksumHex) throws IOException {
        Checksum checksum = checksumHex == null ? null : new Checksum(checksumHex);
        if (!downloads) {
            throw notAvailable(relativePath, url, "downloads are disabled (system property " + OFFLINE_PROPERTY
                    + "=true or an offline DataLocator)", null);
        }
        Path target = cacheDir.resolve(relativePath);
        MessageDigest digest = checksum == null ? Checksum.sha256() : checksum.newDigest();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
            try {
                HttpDownload.copy(url, tmp, digest);
            } catch (IOException | RuntimeException e) {
                throw notAvailable(relativePath, url, e.toString(), e);
            }
            String actual = Checksum.hexOf(digest);
            if (checksum != null && !actual.equals(checksum.hex())) {
                throw new IOException("The download of " + url + " for " + relativePath + " is corrupt: expected "
                        + checksum.algorithm() + " " + checksum.hex() + ", got " + actual
                        + "; the download was deleted. Try again, or fetch the file by hand.\n" + placesFor(relativePath));
            }
            AtomicFiles.moveOver(tmp, target);
            return target;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private IOException notAvailable(String relativePath, String url, String reason, Exception cause) {
        return new IOException("Data file " + relativePath + " was not found and could not be downloaded from "
                + url + ": " + reason + ".\n" + placesFor(relativePath), cause);
    }

    /** Every place the user may put {@code relativePath}, in search order, and how to add a folder. */
    String placesFor(String relativePath) {
        StringBuilder text = new StringBuilder("Put it at one of these places (searched in this order):\n");
        for (Root root : roots) {
            text.append("  ").append(root.dir().resolve(relativePath)).append("  (").append(root.origin())
                    .append(Files.isDirectory(root.dir()) ? "" : "; this folder does not exist").append(")\n");
        }
        return text.append("or point --data-dir or the ").append(ENV_VAR)
                .append(" environment variable at a folder that holds ").append(relativePath).append('.').toString();
    }
}
