package io.snn4j.data.events;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Buffered reading of a binary file that knows its position (for error messages) and its size (to refuse
 * lengths that point past the end before allocating anything). Every problem is an {@link EventFormatException}.
 */
final class BinaryInput implements Closeable {
    private final InputStream in;
    private final String source;
    private final long size;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long base; // file offset of buf[0]

    BinaryInput(InputStream in, String source, long size) {
        this.in = in;
        this.source = source;
        this.size = size;
    }

    String source() {
        return source;
    }

    long position() {
        return base + pos;
    }

    long size() {
        return size;
    }

    long remaining() {
        return size - position();
    }

    EventFormatException error(long at, String problem) {
        return new EventFormatException(source, at, problem);
    }

    /** Makes at least {@code n} (at most the buffer's size) bytes available; false at the end of the file. */
    private boolean fillTo(int n) {
        if (lim - pos >= n) {
            return true;
        }
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        base += pos;
        lim -= pos;
        pos = 0;
        try {
            while (lim < n) {
                int r = in.read(buf, lim, buf.length - lim);
                if (r < 0) {
                    return false;
                }
                lim += r;
            }
        } catch (IOException e) {
            throw new EventFormatException(source, position(), "cannot read: " + e.getMessage(), e);
        }
        return true;
    }

    /** True when at least {@code n} more bytes can be read (n up to 64 KiB). */
    boolean has(int n) {
        return fillTo(n);
    }

    boolean atEnd() {
        return !fillTo(1);
    }

    private void need(int n, String what) {
        if (!fillTo(n)) {
            throw error(position(), "truncated " + what + ": needs " + n + " bytes, " + (lim - pos)
                    + " left in the file");
        }
    }

    int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    int u16le(String what) {
        need(2, what);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int i16le(String what) {
        return (short) u16le(what);
    }

    int i32le(String what) {
        need(4, what);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long u32le(String what) {
        return i32le(what) & 0xffffffffL;
    }

    int i32be(String what) {
        need(4, what);
        int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    long i64le(String what) {
        long lo = u32le(what);
        long hi = u32le(what);
        return lo | hi << 32;
    }

    /** Reads {@code n} bytes into a new array; refuses lengths beyond the end of the file before allocating. */
    byte[] bytes(long n, String what) {
        if (n < 0 || (size >= 0 && n > remaining())) {
            throw error(position(), "truncated " + what + ": needs " + n + " bytes, " + Math.max(0, remaining())
                    + " left in the file");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw error(position(), what + " of " + n + " bytes is larger than 2 GiB");
        }
        byte[] out = new byte[(int) n];
        int done = 0;
        while (done < n) {
            if (!fillTo(1)) {
                throw error(position(), "truncated " + what + ": needs " + n + " bytes, " + done + " were left");
            }
            int k = Math.min(lim - pos, (int) n - done);
            System.arraycopy(buf, pos, out, done, k);
            pos += k;
            done += k;
        }
        return out;
    }

    void skip(long n, String what) {
        if (n < 0 || (size >= 0 && n > remaining())) {
            throw error(position(), "truncated " + what + ": needs " + n + " bytes, " + Math.max(0, remaining())
                    + " left in the file");
        }
        long left = n;
        while (left > 0) {
            if (!fillTo(1)) {
                throw error(position(), "truncated " + what + ": " + left + " bytes missing");
            }
            int k = (int) Math.min(lim - pos, left);
            pos += k;
            left -= k;
        }
    }

    /** Up to {@code n} (at most 64 KiB) next bytes without consuming them; fewer at the end of the file. */
    byte[] peekBytes(int n) {
        fillTo(n);
        int k = Math.min(n, lim - pos);
        return java.util.Arrays.copyOfRange(buf, pos, pos + k);
    }

    /** The next byte without consuming it, or -1 at the end. */
    int peek() {
        return fillTo(1) ? buf[pos] & 0xff : -1;
    }

    /**
     * Reads one header line starting at the current position up to and including '\n' (or the end of the file);
     * returns it without the line end. Lines longer than {@code max} bytes are refused.
     */
    String line(int max, String what) {
        StringBuilder s = new StringBuilder();
        long start = position();
        while (true) {
            if (!fillTo(1)) {
                break;
            }
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            if (s.length() >= max) {
                throw error(start, what + " line is longer than " + max + " bytes: is this a text header?");
            }
            s.append((char) (b & 0xff));
        }
        int n = s.length();
        if (n > 0 && s.charAt(n - 1) == '\r') {
            s.setLength(n - 1);
        }
        return s.toString();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // reading is over; nothing to save
        }
    }
}
