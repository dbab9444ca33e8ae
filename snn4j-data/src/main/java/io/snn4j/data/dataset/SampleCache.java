package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.ArrayFileException;
import io.snn4j.data.io.AtomicWrite;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * An on-disk cache of converted samples. All samples converted with the same settings share one folder,
 * {@code root/<name>-<16 hex digits>}, the digits being the start of the SHA-256 of the conversion's description
 * ({@code key}: the converter, its version and every parameter), so different settings never share a file and
 * changing a setting starts a new folder; {@code key.txt} in the folder holds the description. Each sample is
 * one {@code .npy} file named after its source and the source's size and modification time, so an edited source
 * is converted again. Sample values that are all whole numbers from 0 to 255 (spike counts) are stored as uint8,
 * others as float32.
 *
 * <p>Files are written under a temporary name and renamed when complete: readers (other threads, other
 * processes) see a whole file or none. A cache file that cannot be read (say, cut short by a full disk) is
 * converted again and replaced.
 */
public final class SampleCache {
    private final Path dir;

    /**
     * @param root folder holding the caches (created when needed)
     * @param name first part of the folder's name, e.g. {@code fsdd}
     * @param key  describes the conversion completely (converter, version, parameters)
     */
    public SampleCache(Path root, String name, String key) {
        this.dir = root.resolve(name + "-" + sha256(key).substring(0, 16));
        try {
            Files.createDirectories(dir);
            Path k = dir.resolve("key.txt");
            if (!Files.isRegularFile(k)) {
                AtomicWrite.bytes(k, (key + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create the sample cache: " + e.getMessage(), e);
        }
    }

    /** The cache's folder. */
    public Path dir() {
        return dir;
    }

    /**
     * The cached sample for {@code source}, or {@code convert}'s result, which is then stored.
     *
     * @param source the file the sample is converted from (its name, size and modification time identify it)
     */
    public Tensor get(Path source, Supplier<Tensor> convert) {
        return get(source, null, convert);
    }

    /**
     * As {@link #get(Path, Supplier)} for one of several samples cut from the same file (a recording of several
     * gestures, one sample of an HDF5 file).
     *
     * @param part names the sample within {@code source} (e.g. its index), or null for the whole file
     */
    public Tensor get(Path source, String part, Supplier<Tensor> convert) {
        Path file = dir.resolve(entryName(source, part));
        if (Files.isRegularFile(file)) {
            try {
                return Npy.read(file).toTensor();
            } catch (ArrayFileException e) {
                // unreadable: convert again and replace it below
            }
        }
        Tensor t = convert.get();
        Npy.write(file, compact(t));
        return t;
    }

    /** The cache file name of a source: its name, size and modification time. */
    static String entryName(Path source) {
        return entryName(source, null);
    }

    /** The cache file name of one part of a source ({@code part} null for the whole file). */
    static String entryName(Path source, String part) {
        long size;
        long mtime;
        try {
            size = Files.size(source);
            mtime = Files.getLastModifiedTime(source).toMillis();
        } catch (IOException e) {
            size = -1;
            mtime = -1;
        }
        String base = source.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        String id = source.getFileName() + "|" + size + "|" + mtime;
        if (part != null) {
            base += "-" + part.replaceAll("[^A-Za-z0-9._-]", "_");
            id += "|" + part;
        }
        return base + "-" + sha256(id).substring(0, 12) + ".npy";
    }

    private static NdArray compact(Tensor t) {
        float[] d = t.data();
        for (float v : d) {
            if (!(v >= 0 && v <= 255 && v == Math.rint(v))) {
                return NdArray.of(t);
            }
        }
        byte[] b = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = (byte) (int) d[i];
        }
        return NdArray.ofBytes(NdArray.DType.UINT8, b, t.shape());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The default cache root: {@code $XDG_CACHE_HOME/snn4j}, else {@code ~/.cache/snn4j}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "snn4j");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "snn4j");
    }
}
