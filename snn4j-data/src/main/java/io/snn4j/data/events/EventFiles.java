package io.snn4j.data.events;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry points for event files: {@link #detect} tells the format from the file's first bytes (not its name),
 * {@link #open} streams the events chunk by chunk, {@link #read} loads them all into an {@link Events},
 * {@link #stats} summarises a file without holding its events.
 *
 * <pre>{@code
 * Events ev = EventFiles.read(Path.of("sample_nmnist.bin"));     // 4,325 events on 34 x 34 x 2
 * try (EventStream s = EventFiles.open(Path.of("recording.aedat4"))) {
 *     EventChunk chunk = new EventChunk(65536);
 *     while (s.read(chunk) > 0) {
 *         // chunk.t[0 .. chunk.size()), chunk.x, chunk.y, chunk.p
 *     }
 * }
 * }</pre>
 *
 * <p>SHD/SSC HDF5 files hold many labelled samples rather than one recording: read them with {@link ShdFile}.
 */
public final class EventFiles {
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private EventFiles() {
    }

    /** The format of {@code path}, from its content. */
    public static EventFormat detect(Path path) {
        try (BinaryInput in = input(path)) {
            return detect(in).format;
        }
    }

    /** Opens {@code path} for streaming with the default options. */
    public static EventStream open(Path path) {
        return open(path, ReadOptions.DEFAULT);
    }

    /** Opens {@code path} for streaming; the format is detected from the content. */
    public static EventStream open(Path path, ReadOptions options) {
        BinaryInput in = input(path);
        try {
            return open(in, options);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens in-memory bytes (a file's content) for streaming; {@code name} is used in messages. */
    public static EventStream open(byte[] content, String name, ReadOptions options) {
        return open(new BinaryInput(new ByteArrayInputStream(content), name, content.length), options);
    }

    /** All events of {@code path}. */
    public static Events read(Path path) {
        return read(path, ReadOptions.DEFAULT);
    }

    public static Events read(Path path, ReadOptions options) {
        try (EventStream s = open(path, options)) {
            return readAll(s, options);
        }
    }

    /** All events of in-memory file content. */
    public static Events read(byte[] content, String name, ReadOptions options) {
        try (EventStream s = open(content, name, options)) {
            return readAll(s, options);
        }
    }

    /** Reads the rest of {@code s} into an {@link Events}, on {@link EventStream#sensorSize()}. */
    public static Events readAll(EventStream s, ReadOptions options) {
        EventChunk c = new EventChunk(options.chunkSize());
        long[] t = new long[0];
        short[] x = new short[0];
        short[] y = new short[0];
        byte[] p = new byte[0];
        int n = 0;
        while (s.read(c) > 0) {
            int k = c.size();
            if ((long) n + k > Integer.MAX_VALUE - 16) {
                throw new EventFormatException(s.source(), -1, "more than 2^31 events: read it with open() in "
                        + "chunks");
            }
            if (n + k > t.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(n + k, 2L * t.length));
                t = Arrays.copyOf(t, cap);
                x = Arrays.copyOf(x, cap);
                y = Arrays.copyOf(y, cap);
                p = Arrays.copyOf(p, cap);
            }
            System.arraycopy(c.t, 0, t, n, k);
            System.arraycopy(c.x, 0, x, n, k);
            System.arraycopy(c.y, 0, y, n, k);
            System.arraycopy(c.p, 0, p, n, k);
            n += k;
        }
        if (n != t.length) {
            t = Arrays.copyOf(t, n);
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            p = Arrays.copyOf(p, n);
        }
        return Events.wrap(t, x, y, p, s.sensorSize(), true);
    }

    /** Count, time range, ON/OFF counts and sensor size of {@code path}, read in chunks. */
    public static EventStats stats(Path path, ReadOptions options) {
        try (EventStream s = open(path, options)) {
            EventChunk c = new EventChunk(options.chunkSize());
            EventStats.Accumulator a = new EventStats.Accumulator();
            while (s.read(c) > 0) {
                a.add(c);
            }
            return a.result(s.sensorSize());
        }
    }

    // ---- detection ----

    private record Detected(EventFormat format, PropheseeHeader header) {
    }

    static BinaryInput input(Path path) {
        if (Files.isDirectory(path)) {
            throw new EventFormatException(path.toString(), -1, "is a directory, expected an event file");
        }
        try {
            long size = Files.size(path);
            InputStream s = Files.newInputStream(path);
            return new BinaryInput(s, path.toString(), size);
        } catch (NoSuchFileException e) {
            throw new EventFormatException(path.toString(), -1, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new EventFormatException(path.toString(), -1, "permission denied", e);
        } catch (IOException e) {
            throw new EventFormatException(path.toString(), -1, "cannot read: " + e.getMessage(), e);
        }
    }

    private static EventStream open(BinaryInput in, ReadOptions options) {
        Detected d = detect(in);
        return switch (d.format) {
            case NMNIST_BIN -> new NmnistBinReader(in, options);
            case PROPHESEE_DAT -> new DatReader(in, options, d.header);
            case EVT2 -> new Evt2Reader(in, options, d.header);
            case EVT3 -> new Evt3Reader(in, options, d.header);
            case AEDAT2 -> new Aedat2Reader(in, options);
            case AEDAT3 -> new Aedat3Reader(in, options);
            case AEDAT4 -> new Aedat4Reader(in, options);
            case SHD_HDF5 -> throw in.error(-1, "is an HDF5 spike file (SHD/SSC), which holds many labelled "
                    + "samples rather than one recording: read it with ShdFile");
        };
    }

    /**
     * Looks at the first bytes; leaves {@code in} at the start of the file, except for Prophesee files, whose
     * '%' header has then been read (and is returned).
     */
    private static Detected detect(BinaryInput in) {
        if (in.size() == 0) {
            throw in.error(-1, "empty file (0 bytes): expected an event file (N-MNIST .bin, Prophesee DAT/EVT2/"
                    + "EVT3, AEDAT 2.0/3.1/4, SHD/SSC HDF5)");
        }
        int first = in.peek();
        if (first == '%') {
            PropheseeHeader h = PropheseeHeader.read(in);
            if (h.evt == null) {
                return new Detected(EventFormat.PROPHESEE_DAT, h);
            }
            return switch (h.evt) {
                case "2.0", "2" -> new Detected(EventFormat.EVT2, h);
                case "3.0", "3" -> new Detected(EventFormat.EVT3, h);
                default -> throw in.error(0, "Prophesee RAW file in format EVT " + h.evt + ": only EVT 2.0 and "
                        + "EVT 3.0 are supported (convert with Metavision's tools)");
            };
        }
        if (first == '#' || first == 0x89) {
            // peek at the first line without consuming it: a copy of the stream's head is not available, so
            // decide from a bounded look-ahead below
            return new Detected(headFormat(in), null);
        }
        if (in.size() % NmnistBinReader.RECORD == 0 || in.source().toLowerCase(java.util.Locale.ROOT).endsWith(".bin")) {
            // no magic: N-MNIST is recognised by its record size (or, for a truncated file, by its name, so
            // that the error says where the last record breaks off)
            return new Detected(EventFormat.NMNIST_BIN, null);
        }
        throw in.error(-1, "not a known event file (starts with " + hexHead(in) + ", " + in.size()
                + " bytes): expected AEDAT 2.0/3.1/4 ('#!AER-DAT'), Prophesee DAT/EVT2/EVT3 (a '%' header), "
                + "HDF5 (SHD/SSC) or N-MNIST .bin (5-byte records; this size is not a multiple of 5)");
    }

    private static String hexHead(BinaryInput in) {
        StringBuilder b = new StringBuilder();
        for (byte v : in.peekBytes(4)) {
            b.append(b.length() == 0 ? "" : " ").append(String.format("%02x", v & 0xff));
        }
        return b.toString();
    }

    /** AEDAT or HDF5, from the magic; the bytes are not consumed (the readers re-read the first line). */
    private static EventFormat headFormat(BinaryInput in) {
        byte[] head = in.peekBytes(16);
        String s = new String(head, StandardCharsets.ISO_8859_1);
        if (head.length >= 8 && Arrays.equals(Arrays.copyOf(head, 8), HDF5_MAGIC)) {
            return EventFormat.SHD_HDF5;
        }
        if (s.startsWith("#!AER-DAT4")) {
            return EventFormat.AEDAT4;
        }
        if (s.startsWith("#!AER-DAT3.1")) {
            return EventFormat.AEDAT3;
        }
        if (s.startsWith("#!AER-DAT2")) {
            return EventFormat.AEDAT2;
        }
        if (s.startsWith("#!AER-DAT")) {
            throw in.error(0, "AEDAT version '" + Aedat2Reader.printable(s.substring(9).split("[\\r\\n]")[0])
                    + "': supported are AEDAT 2.0, 3.1 and 4.0");
        }
        if (in.size() % NmnistBinReader.RECORD == 0 && s.charAt(0) != 0x89) {
            return EventFormat.NMNIST_BIN;
        }
        throw in.error(0, "not a known event file (starts with '" + Aedat2Reader.printable(s) + "'): expected "
                + "'#!AER-DAT2.0', '#!AER-DAT3.1', '#!AER-DAT4.0' or the HDF5 signature");
    }
}
