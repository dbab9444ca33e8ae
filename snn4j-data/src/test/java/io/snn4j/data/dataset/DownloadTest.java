package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.snn4j.data.io.ArrayFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server and from file: URLs; never the network. */
class DownloadTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(path);
            }
            byte[] body = files.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String md5(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void fetchesVerifiesAndReusesTheFile() throws Exception {
        byte[] body = "hello snn4j".getBytes();
        files.put("/a/x.bin", body);
        Path dir = tmp.resolve("dl");
        List<String> log = new ArrayList<>();
        Path got = Download.fetch(List.of(base + "/a/"), "x.bin", md5(body), dir, log::add);
        assertArrayEquals(body, Files.readAllBytes(got));
        assertEquals(List.of("downloading " + base + "/a/x.bin"), log);
        // present and correct: not fetched again (SHA-256 works as well)
        Download.fetch(List.of(base + "/a/"), "x.bin", sha256(body), dir, log::add);
        assertEquals(1, requests.size());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary files left");
        }
    }

    @Test
    void aMirrorWithWrongBytesOrMissingFileIsSkipped() throws Exception {
        byte[] good = "good".getBytes();
        files.put("/bad/x.bin", "evil".getBytes());
        files.put("/good/x.bin", good);
        Path dir = tmp.resolve("dl");
        Path got = Download.fetch(List.of(base + "/missing/", base + "/bad/", base + "/good/"), "x.bin", md5(good),
                dir, null);
        assertArrayEquals(good, Files.readAllBytes(got));
        // a corrupt file already there is replaced
        Files.write(got, "corrupt".getBytes());
        Download.fetch(List.of(base + "/good/"), "x.bin", md5(good), dir, null);
        assertArrayEquals(good, Files.readAllBytes(got));
    }

    @Test
    void whenEveryMirrorFailsTheErrorNamesEachAndNothingIsLeft() throws Exception {
        files.put("/bad/x.bin", "evil".getBytes());
        Path dir = tmp.resolve("dl");
        String want = md5("good".getBytes());
        IOException e = assertThrows(IOException.class, () -> Download.fetch(List.of(base + "/missing/",
                base + "/bad/"), "x.bin", want, dir, null));
        assertTrue(e.getMessage().contains(base + "/missing/x.bin: HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains(base + "/bad/x.bin: MD5 " + md5("evil".getBytes()) + ", expected "
                + want), e.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
        assertThrows(IllegalArgumentException.class, () -> Download.fetch(List.of(base + "/"), "x.bin", "abc",
                dir, null));
    }

    @Test
    void fileUrlsWork() throws Exception {
        byte[] body = {1, 2, 3};
        Path src = Files.createDirectories(tmp.resolve("mirror"));
        Files.write(src.resolve("y.bin"), body);
        Path got = Download.fetch(List.of(src.toUri().toString()), "y.bin", md5(body), tmp.resolve("dl"), null);
        assertArrayEquals(body, Files.readAllBytes(got));
    }

    /** An IDX file: magic 00 00 08 rank, dims, bytes; gzip-compressed. */
    static byte[] idx(byte[] data, int... dims) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(4 + 4 * dims.length);
        h.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            h.putInt(d);
        }
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(h.array());
            gz.write(data);
        }
        return bo.toByteArray();
    }

    @Test
    void anMnistStyleDatasetDownloadsAndLoads() throws Exception {
        byte[][] parts = {
            idx(new byte[] {0, 127, (byte) 255, 1, 2, 3, 4, 5}, 2, 2, 2),
            idx(new byte[] {3, 9}, 2),
            idx(new byte[] {9, 8, 7, 6}, 1, 2, 2),
            idx(new byte[] {1}, 1)};
        String[] sums = new String[4];
        for (int k = 0; k < 4; k++) {
            files.put("/m/" + MnistFamily.FILES.get(k), parts[k]);
            sums[k] = md5(parts[k]);
        }
        MnistFamily fam = new MnistFamily("tiny", List.of(base + "/m/"), sums, List.of("a", "b", "c", "d", "e",
                "f", "g", "h", "i", "j"));
        MnistFamily.Parts p = fam.download(tmp.resolve("tiny"), null);
        assertEquals(2, p.train().size());
        assertEquals(1, p.test().size());
        assertArrayEquals(new int[] {3, 9}, p.train().labels());
        assertArrayEquals(new int[] {1, 2, 2}, p.train().shape());
        assertArrayEquals(new float[] {0, 127 / 255f, 1, 1 / 255f}, p.train().sample(0).data());
        assertEquals("tiny/train", p.train().name());

        // the published checksum does not match: the error names the URL and both checksums
        files.put("/m/" + MnistFamily.FILES.get(3), idx(new byte[] {2}, 1));
        Files.delete(tmp.resolve("tiny").resolve(MnistFamily.FILES.get(3)));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> fam.download(tmp.resolve("tiny"), null));
        assertTrue(e.getMessage().startsWith("tiny: cannot download t10k-labels-idx1-ubyte.gz (" + base
                + "/m/t10k-labels-idx1-ubyte.gz: MD5 "), e.getMessage());
    }

    @Test
    void aLocalFolderMustHoldTheFourFiles() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("fm"));
        Files.write(dir.resolve(MnistFamily.FILES.get(0)), idx(new byte[4], 1, 2, 2));
        ArrayFileException e = assertThrows(ArrayFileException.class, () -> MnistFamily.FASHION_MNIST.load(dir));
        assertEquals(dir + ": has no train-labels-idx1-ubyte.gz (nor train-labels-idx1-ubyte); a fashion_mnist"
                + " folder holds train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
                + " t10k-labels-idx1-ubyte.gz", e.getMessage());
        // uncompressed files are fine; labels must match the images
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2});
        Files.write(dir.resolve(MnistFamily.FILES.get(2)), idx(new byte[4], 1, 2, 2));
        Files.write(dir.resolve(MnistFamily.FILES.get(3)), idx(new byte[] {11}, 1));
        e = assertThrows(ArrayFileException.class, () -> MnistFamily.FASHION_MNIST.load(dir));
        assertTrue(e.getMessage().endsWith("train-labels-idx1-ubyte: 2 labels for 1 images in"
                + " train-images-idx3-ubyte.gz"), e.getMessage());
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 1});
        e = assertThrows(ArrayFileException.class, () -> MnistFamily.FASHION_MNIST.load(dir));
        assertTrue(e.getMessage().endsWith("t10k-labels-idx1-ubyte.gz: label 11 at index 0 is outside [0, 10)"),
                e.getMessage());
        e = assertThrows(ArrayFileException.class, () -> MnistFamily.MNIST.load(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
    }

    @Test
    void officialLocationsAndChecksums() {
        assertEquals("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                MnistFamily.FASHION_MNIST.mirrors().get(0));
        assertEquals("8d4fb7e6c68d591d4c3dfef9ec88bf0d", MnistFamily.FASHION_MNIST.checksums().get(0));
        assertEquals("http://yann.lecun.com/exdb/mnist/", MnistFamily.MNIST.mirrors().get(0));
        assertEquals("ec29112dd5afa0611ce80d1b7f02629c", MnistFamily.MNIST.checksums().get(3));
    }
}
