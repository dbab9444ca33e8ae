package io.snn4j.data.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Downloads a file once into a folder and checks it: the expected checksum is an MD5 (32 hex digits) or a SHA-256
 * (64 hex digits). Mirrors are tried in order until one gives the right bytes. The file is written under a
 * temporary name in the target folder and renamed only when complete and verified, so the folder never holds a
 * partial or corrupt file under the real name. A file already present with the right checksum is not fetched
 * again; one with a wrong checksum is replaced. Any URL the JDK opens works ({@code http:}, {@code https:},
 * {@code file:}).
 */
public final class Download {
    private static final int TIMEOUT_MS = 30_000;

    private Download() {
    }

    /**
     * The verified file {@code dir/name}, downloaded from {@code base + name} for the first base that works.
     *
     * @param bases    URL prefixes (ending with '/'), tried in order
     * @param checksum expected MD5 or SHA-256 of the file, hexadecimal
     * @param log      receives one line per download attempt (may be null)
     * @throws IOException naming every URL tried and why it failed (unreachable, HTTP status, checksum mismatch)
     */
    public static Path fetch(List<String> bases, String name, String checksum, Path dir, Consumer<String> log)
            throws IOException {
        String algorithm = algorithm(checksum);
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target)) {
            String have = digest(target, algorithm);
            if (have.equalsIgnoreCase(checksum)) {
                return target;
            }
            if (log != null) {
                log.accept(target + ": " + algorithm + " " + have + " differs from the expected " + checksum
                        + "; downloading it again");
            }
        }
        Files.createDirectories(dir);
        List<String> failures = new ArrayList<>();
        for (String base : bases) {
            String url = base + name;
            if (log != null) {
                log.accept("downloading " + url);
            }
            Path tmp = Files.createTempFile(dir, "." + name, ".partial");
            try {
                String got = copy(url, tmp, algorithm);
                if (!got.equalsIgnoreCase(checksum)) {
                    failures.add(url + ": " + algorithm + " " + got + ", expected " + checksum);
                    continue;
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return target;
            } catch (IOException e) {
                failures.add(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        throw new IOException("cannot download " + name + " (" + String.join("; ", failures) + ")");
    }

    private static String copy(String url, Path to, String algorithm) throws IOException {
        URLConnection c = new URL(url).openConnection();
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        c.setRequestProperty("User-Agent", "snn4j");
        if (c instanceof HttpURLConnection h) {
            h.setInstanceFollowRedirects(true);
            int code = h.getResponseCode();
            if (code / 100 != 2) {
                h.disconnect();
                throw new IOException("HTTP " + code + (h.getResponseMessage() == null ? "" : " "
                        + h.getResponseMessage()));
            }
        }
        MessageDigest md = newDigest(algorithm);
        try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                md.update(buf, 0, r);
                out.write(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** MD5 for 32 hex digits, SHA-256 for 64. */
    static String algorithm(String checksum) {
        if (checksum != null && checksum.matches("[0-9a-fA-F]{32}")) {
            return "MD5";
        }
        if (checksum != null && checksum.matches("[0-9a-fA-F]{64}")) {
            return "SHA-256";
        }
        throw new IllegalArgumentException("checksum must be 32 (MD5) or 64 (SHA-256) hex digits, got " + checksum);
    }

    /** The hexadecimal MD5 or SHA-256 of a file. */
    public static String digest(Path file, String algorithm) throws IOException {
        MessageDigest md = newDigest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest()).toLowerCase(Locale.ROOT);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JDK", e);
        }
    }
}
