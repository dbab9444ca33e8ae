package io.snn4j.data.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File plumbing shared by the array readers and writers. */
final class IoSupport {
    private IoSupport() {
    }

    /** Opens {@code path} for buffered reading, or explains why it cannot be read. */
    static InputStream open(Path path) {
        if (Files.isDirectory(path)) {
            throw new ArrayFileException(path.toString(), "is a directory, expected a file");
        }
        try {
            return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        } catch (NoSuchFileException ex) {
            throw new ArrayFileException(path.toString(), "no such file", ex);
        } catch (AccessDeniedException ex) {
            throw new ArrayFileException(path.toString(), "permission denied", ex);
        } catch (IOException ex) {
            throw new ArrayFileException(path.toString(), "cannot read: " + ex.getMessage(), ex);
        }
    }

    /** A format's reader of one stream; {@code size} is the file's size in bytes, or -1 when unknown. */
    interface StreamReader<T> {
        T read(InputStream in, String name, long size) throws IOException;
    }

    /** Reads {@code path} with {@code reader}; an I/O failure is an {@link ArrayFileException} naming the file. */
    static <T> T readFile(Path path, StreamReader<T> reader) {
        try (InputStream in = open(path)) {
            return reader.read(in, path.toString(), sizeOrUnknown(path));
        } catch (IOException ex) {
            throw new ArrayFileException(path.toString(), "cannot read: " + ex.getMessage(), ex);
        }
    }

    /** Reads a stream of unknown size with {@code reader}; an I/O failure is an {@link ArrayFileException}. */
    static <T> T readStream(InputStream in, String name, StreamReader<T> reader) {
        try {
            return reader.read(in, name, -1);
        } catch (IOException ex) {
            throw new ArrayFileException(name, "cannot read: " + ex.getMessage(), ex);
        }
    }

    /** File size, or -1 when unknown. */
    static long sizeOrUnknown(Path path) {
        try {
            return Files.size(path);
        } catch (IOException ex) {
            return -1;
        }
    }

    /** Up to {@code n} bytes; fewer only at the end of the stream. */
    static byte[] readUpTo(InputStream in, int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Bytes left in the stream (read and discarded). */
    static long remaining(InputStream in) throws IOException {
        return in.transferTo(OutputStream.nullOutputStream());
    }

    /** Reverses each {@code width}-byte group in place (big-endian to little-endian or back). */
    static void swapBytes(byte[] b, int width) {
        if (width == 1) {
            return;
        }
        for (int at = 0; at + width <= b.length; at += width) {
            for (int i = 0, j = width - 1; i < j; i++, j--) {
                byte t = b[at + i];
                b[at + i] = b[at + j];
                b[at + j] = t;
            }
        }
    }

    /** The first bytes as hex, e.g. {@code 50 4b 03 04}. */
    static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }

    /**
     * Writes the parts to a temporary file in the same folder, flushes it to disk and renames it over
     * {@code path}, so that readers never see a half-written file.
     */
    static void writeAtomically(Path path, byte[]... parts) {
        try {
            AtomicWrite.bytes(path, parts);
        } catch (IOException ex) {
            throw new ArrayFileException(path.toString(), "cannot write: " + ex, ex);
        }
    }
}
