package io.snn4j.data.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes N-MNIST / N-Caltech101 {@code .bin} files (for synthetic data sets and tests); {@link EventFiles} reads
 * them. Coordinates must be 0..255 (y 240 is reserved for the overflow marker), polarities 0 or 1, timestamps
 * sorted and non-negative. Timestamps beyond the 23-bit field get overflow records (y = 240), each adding 2^13 us
 * to all later events, the rule the readers (tonic's and ours) apply.
 */
public final class NmnistBin {
    private static final long MAX_RAW = (1L << 23) - 1;

    private NmnistBin() {
    }

    /** The file's bytes. */
    public static byte[] toBytes(Events ev) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ev.size() * 5 + 16);
        long markers = 0;
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < ev.size(); i++) {
            long t = ev.t(i);
            int x = ev.x(i);
            int y = ev.y(i);
            int p = ev.p(i);
            if (t < 0 || t < prev) {
                throw new IllegalArgumentException("event " + i + ": timestamp " + t + " us: N-MNIST files need "
                        + "sorted, non-negative timestamps");
            }
            if (x < 0 || x > 255 || y < 0 || y > 255 || y == NmnistBinReader.OVERFLOW_Y) {
                throw new IllegalArgumentException("event " + i + ": (x=" + x + ", y=" + y + ") cannot be stored: "
                        + "coordinates are one byte each and y = 240 marks a timestamp overflow");
            }
            if (p != 0 && p != 1) {
                throw new IllegalArgumentException("event " + i + ": polarity " + p + ", expected 0 or 1");
            }
            prev = t;
            while (t - markers * NmnistBinReader.OVERFLOW_STEP > MAX_RAW) {
                out.write(0);
                out.write(NmnistBinReader.OVERFLOW_Y);
                out.write(0);
                out.write(0);
                out.write(0);
                markers++;
            }
            long raw = t - markers * NmnistBinReader.OVERFLOW_STEP;
            out.write(x);
            out.write(y);
            out.write((int) (p << 7 | (raw >>> 16) & 0x7f));
            out.write((int) (raw >>> 8) & 0xff);
            out.write((int) raw & 0xff);
        }
        return out.toByteArray();
    }

    /** Writes the file atomically (a temporary file in the same folder, then a rename). */
    public static void write(Path path, Events ev) throws IOException {
        io.snn4j.data.io.AtomicWrite.bytes(path, toBytes(ev));
    }
}
