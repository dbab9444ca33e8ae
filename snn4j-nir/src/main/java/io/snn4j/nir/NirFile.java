package io.snn4j.nir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A NIR file: the graph it holds, the NIR version that wrote it, and what the reader had to assume or ignore.
 * {@link #read(Path)} and {@link #write(Path, NirGraph)} are the entry points.
 */
public final class NirFile {

    /** The NIR version whose file layout the writer follows, written as the file's {@code version}. */
    public static final String FORMAT_VERSION = "1.0.7";

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final Path path;
    private final String version;
    private final NirGraph graph;
    private final List<String> warnings;

    NirFile(Path path, String version, NirGraph graph, List<String> warnings) {
        this.path = path;
        this.version = version;
        this.graph = graph;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads a NIR file written by NIR 0.1 to 1.0.x (snnTorch, Norse, Sinabs, Rockpool, Lava, Spyx, ... or this
     * library). Accepts float32 and float64 (and integer) arrays, fixed- and variable-length strings, contiguous,
     * chunked and gzip- or LZF-compressed datasets; fills in what older files leave out as NIR does ({@code v_reset}
     * zeros, {@code w_in} ones, Flatten's {@code start_dim} 1 and {@code end_dim} -1), spreads 0-d neuron parameters
     * and biases over the population, and takes an Input's shape from {@code shape} or {@code input_type}.
     * Unknown fields are ignored; each such choice is listed in {@link #warnings()}.
     *
     * @throws NirFormatException for anything that is not a readable NIR graph, naming the file, node and field
     * @throws IOException when the file cannot be read at all (missing, no permission)
     */
    public static NirFile read(Path file) throws IOException {
        return NirReader.read(file);
    }

    /** Writes {@code graph} with gzip-compressed arrays; see {@link #write(Path, NirGraph, boolean)}. */
    public static void write(Path file, NirGraph graph) throws IOException {
        write(file, graph, true);
    }

    /**
     * Writes {@code graph} as NIR 1.0.x does: dataset {@code version} ({@link #FORMAT_VERSION}), group {@code node}
     * holding the graph, each node a group with its {@code type} and exactly NIR's fields (NIR's reader passes every
     * dataset to the node's constructor, so nothing else is written); arrays keep their type, compressed with gzip
     * when {@code gzip}; metadata, when not empty, as a group. Shapes NIR's reader needs but the graph leaves open (a
     * convolution's {@code input_shape}, a Flatten's {@code input_type}, an Output's {@code shape}) are inferred from
     * the graph ({@link NirGraph#inferShapes()}); if that is impossible, nothing is written and an
     * {@link IllegalArgumentException} names the node. The file is written under a temporary name in the same
     * folder and renamed when complete: a reader sees the old file or the whole new one.
     */
    public static void write(Path file, NirGraph graph, boolean gzip) throws IOException {
        NirWriter.write(file, graph, gzip);
    }

    /** True when the file carries the HDF5 signature (at offset 0, 512, 1024, ... as HDF5 allows a user block). */
    public static boolean looksLikeHdf5(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(HDF5_SIGNATURE.length);
            for (long off = 0; off + HDF5_SIGNATURE.length <= size; off = off == 0 ? 512 : off * 2) {
                buf.clear();
                ch.position(off);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // fill
                }
                if (!buf.hasRemaining() && Arrays.equals(buf.array(), HDF5_SIGNATURE)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The file that was read. */
    public Path path() {
        return path;
    }

    /** The {@code version} the file records (the NIR version that wrote it), or null when it has none. */
    public String version() {
        return version;
    }

    public NirGraph graph() {
        return graph;
    }

    /**
     * What the reader assumed or ignored, one sentence each naming the node: defaults filled in, values
     * broadcast, unknown fields skipped, shapes missing.
     */
    public List<String> warnings() {
        return warnings;
    }
}
