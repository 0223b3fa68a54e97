package org.conv4j.zoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    private static final byte[] BODY = "hello, data".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    private Path dataDir;
    private Path envDir;
    private Path home;
    private HttpServer server;

    @BeforeEach
    void folders() throws IOException {
        dataDir = Files.createDirectories(tmp.resolve("data-dir"));
        envDir = Files.createDirectories(tmp.resolve("env"));
        home = Files.createDirectories(tmp.resolve("home"));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private DataLocator locator(boolean downloads) {
        return new DataLocator(dataDir, envDir.toString(), home, downloads);
    }

    private static Path write(Path root, String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, BODY);
    }

    @Test
    void rootsAreDataDirThenEnvThenCache() {
        DataLocator locator = locator(false);
        Path cache = home.resolve(".conv4j").toAbsolutePath();
        assertEquals(List.of(dataDir.toAbsolutePath(), envDir.toAbsolutePath(), cache), locator.roots());
        assertEquals(cache, locator.cacheDir());
        assertEquals(List.of(cache), new DataLocator(null, " ", home, false).roots());
    }

    @Test
    void findTakesTheFirstRootThatHasTheFile() throws IOException {
        Path inCache = write(home.resolve(".conv4j"), "set/a.bin");
        assertEquals(Optional.of(inCache), locator(false).find("set/a.bin"));
        Path inEnv = write(envDir, "set/a.bin");
        assertEquals(Optional.of(inEnv), locator(false).find("set/a.bin"));
        Path inDataDir = write(dataDir, "set/a.bin");
        assertEquals(Optional.of(inDataDir), locator(false).find("set/a.bin"));
        assertEquals(Optional.empty(), locator(false).find("set/b.bin"));
    }

    @Test
    void findAnyTriesAllNamesInARootBeforeTheNextRoot() throws IOException {
        write(envDir, "a.bin");
        Path gz = write(dataDir, "a.bin.gz");
        assertEquals(Optional.of(gz), locator(false).findAny("a.bin", "a.bin.gz"));
    }

    @Test
    void offlineFetchFailsNamingTheFileAndEveryFolder() {
        IOException e = assertThrows(IOException.class,
                () -> locator(false).fetch("mnist/x.gz", "http://127.0.0.1:9/x.gz", "00".repeat(32)));
        assertNamesFileAndFolders(e.getMessage());
        assertTrue(e.getMessage().contains("downloads are disabled"), e.getMessage());
    }

    @Test
    void offlineSystemPropertyWinsOverTheFlag() {
        String previous = System.setProperty(DataLocator.OFFLINE_PROPERTY, "true");
        try {
            assertFalse(locator(true).downloadsEnabled());
        } finally {
            if (previous == null) {
                System.clearProperty(DataLocator.OFFLINE_PROPERTY);
            } else {
                System.setProperty(DataLocator.OFFLINE_PROPERTY, previous);
            }
        }
    }

    @Test
    void unreachableServerFailsFastNamingTheFileAndEveryFolder() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class,
                () -> locator(true).fetch("mnist/x.gz", "http://127.0.0.1:" + closedPort + "/x.gz", "00".repeat(32)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "took too long to fail");
        assertNamesFileAndFolders(e.getMessage());
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + closedPort + "/x.gz"), e.getMessage());
        assertNoDownloadLeft();
    }

    @Test
    void downloadsIntoTheCacheAfterCheckingTheChecksum() throws Exception {
        String url = serve("/x.gz", BODY);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY));
        Path file = locator(true).fetch("mnist/x.gz", url, sha256);
        assertEquals(home.resolve(".conv4j/mnist/x.gz").toAbsolutePath(), file);
        assertArrayEquals(BODY, Files.readAllBytes(file));
        assertEquals(Optional.of(file), locator(false).find("mnist/x.gz"));

        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BODY));
        assertArrayEquals(BODY, Files.readAllBytes(locator(true).fetch("y.bin", url, md5.toUpperCase())));
    }

    @Test
    void corruptDownloadIsDeletedAndReportsBothChecksums() throws Exception {
        String url = serve("/x.gz", BODY);
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BODY));
        String expected = "0123456789abcdef0123456789abcdef";
        IOException e = assertThrows(IOException.class, () -> locator(true).fetch("mnist/x.gz", url, expected));
        assertTrue(e.getMessage().contains("expected MD5 " + expected + ", got " + actual), e.getMessage());
        assertTrue(e.getMessage().contains("mnist/x.gz"), e.getMessage());
        assertNoDownloadLeft();
    }

    @Test
    void httpErrorIsReportedWithTheFolders() throws Exception {
        String url = serve("/x.gz", BODY).replace("/x.gz", "/missing.gz");
        IOException e = assertThrows(IOException.class, () -> locator(true).fetch("mnist/x.gz", url, "00".repeat(32)));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertNamesFileAndFolders(e.getMessage());
    }

    @Test
    void rejectsChecksumsOfUnknownLength() {
        assertThrows(IllegalArgumentException.class, () -> locator(false).fetch("x", "http://127.0.0.1:9/", "abc"));
    }

    private String serve(String path, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().equals(path);
            exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (found) {
                    out.write(body);
                }
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void assertNamesFileAndFolders(String message) {
        assertTrue(message.contains("mnist/x.gz"), message);
        int data = message.indexOf(dataDir.toAbsolutePath().resolve("mnist/x.gz").toString());
        int env = message.indexOf(envDir.toAbsolutePath().resolve("mnist/x.gz").toString());
        int cache = message.indexOf(home.resolve(".conv4j/mnist/x.gz").toAbsolutePath().toString());
        assertTrue(data >= 0 && data < env && env < cache, "folders missing or out of order: " + message);
        assertTrue(message.contains("--data-dir") && message.contains("CONV4J_DATA"), message);
    }

    private void assertNoDownloadLeft() throws IOException {
        Path folder = home.resolve(".conv4j/mnist");
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                assertEquals(List.of(), files.toList());
            }
        }
    }
}
