package org.conv4j.apps.practical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a practical's images come from: Keras's validation_split on MNIST, and the class folders of an image folder. */
class PracticalDataTest {
    /** Keras's fit(validation_split=0.1) trains on the first floor(n * 0.9) samples: 900 of 1,001, the last 101 validate. */
    @Test
    void mnistSplitsAsKerasSplits() throws Exception {
        String env = System.getenv("CONV4J_DATA");
        Assumptions.assumeTrue(env != null && Files.isDirectory(Path.of(env, "mnist")), "MNIST absent: set CONV4J_DATA");
        PracticalRunner.Settings s = new PracticalRunner.Settings(Path.of(env), 1001, 50, 32, 1, Path.of("unused"), List.of(), false);
        PracticalData d = PracticalData.mnist(0.1).load(s);
        assertEquals(900, d.train().count());
        assertEquals(101, d.validation().count());
        assertEquals(50, d.test().count());
        assertEquals(1, d.train().channels());
    }

    /** The classes are the subfolders of train/ only when validation/ stands beside it; else those of the folder itself, as Keras reads it. */
    @Test
    void theClassRootFollowsKerasLayouts(@TempDir Path dir) throws Exception {
        Path filtered = Files.createDirectories(dir.resolve("filtered"));
        Files.createDirectories(filtered.resolve("train").resolve("cats"));
        Files.createDirectories(filtered.resolve("validation").resolve("cats"));
        assertEquals(filtered.resolve("train"), PracticalData.classRoot(filtered));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.createDirectories(plain.resolve("train").resolve("cats"));
        Files.createDirectories(plain.resolve("test").resolve("cats"));
        assertEquals(plain, PracticalData.classRoot(plain), "train/ and test/ without validation/ are two classes, as for Keras");
    }
}
