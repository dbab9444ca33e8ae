package io.snn4j.data.io;

import io.snn4j.data.io.NdArray.DType;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * IDX array files, the format of MNIST, Fashion-MNIST, EMNIST and KMNIST ({@code train-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, ...), plain or gzip-compressed (recognised by their first bytes, whatever the
 * file name).
 *
 * <p>Layout: two zero bytes, a type code ({@code 0x08} uint8, {@code 0x09} int8, {@code 0x0B} int16, {@code 0x0C}
 * int32, {@code 0x0D} float32, {@code 0x0E} float64), the number of dimensions, each dimension as a big-endian
 * 32-bit integer, then the values, big-endian, in C order. Any rank is read.
 *
 * <pre>{@code
 * NdArray images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));   // uint8 [60000, 28, 28]
 * int[] labels = Idx.read(Path.of("train-labels-idx1-ubyte.gz")).toInts();
 * Tensor x = images.toTensor();                                        // float32 0..255
 * }</pre>
 */
public final class Idx {
    private Idx() {
    }

    /**
     * Reads an IDX file, gzip-compressed or not.
     *
     * @throws ArrayFileException naming the file and the problem: bad magic, unknown type code, truncated data,
     *                            bytes after the data, corrupt gzip stream
     */
    public static NdArray read(Path path) {
        return IoSupport.readFile(path, Idx::read);
    }

    /**
     * Reads an IDX file (gzip-compressed or not) from a stream, which is read to its end (not closed).
     *
     * @param name used in error messages
     */
    public static NdArray read(InputStream in, String name) {
        return IoSupport.readStream(in, name, Idx::read);
    }

    private static NdArray read(InputStream raw, String src, long fileSize) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        if (gzip) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (EOFException ex) {
                throw new ArrayFileException(src, "truncated: the gzip stream ends inside its header", ex);
            } catch (ZipException ex) {
                throw new ArrayFileException(src, "corrupt gzip data: " + ex.getMessage(), ex);
            }
            fileSize = -1;
        }
        try {
            return readIdx(in, src, fileSize, gzip);
        } catch (EOFException ex) {
            throw new ArrayFileException(src, "truncated: the gzip stream ends early (" + ex.getMessage() + ")", ex);
        } catch (ZipException ex) {
            throw new ArrayFileException(src, "corrupt gzip data: " + ex.getMessage(), ex);
        }
    }

    private static NdArray readIdx(InputStream in, String src, long fileSize, boolean gzip) throws IOException {
        String inside = gzip ? " (after gzip decompression)" : "";
        byte[] magic = IoSupport.readUpTo(in, 4);
        if (magic.length < 4 || magic[0] != 0 || magic[1] != 0) {
            if (magic.length == 0) {
                throw new ArrayFileException(src, "is empty" + inside + ", expected an IDX file");
            }
            if (magic.length < 4 && magic[0] == 0 && (magic.length < 2 || magic[1] == 0)) {
                throw new ArrayFileException(src, "truncated: only " + magic.length + " bytes" + inside
                        + ", shorter than the 4-byte IDX magic");
            }
            throw new ArrayFileException(src, "not an IDX file: it starts with " + IoSupport.hex(magic, 4) + inside
                    + ", expected two zero bytes, a type code and the number of dimensions (e.g. 00 00 08 03 for"
                    + " MNIST images)");
        }
        DType t = type(magic[2] & 0xff);
        if (t == null) {
            throw new ArrayFileException(src, String.format("unknown IDX type code 0x%02X; expected 0x08 (uint8),"
                    + " 0x09 (int8), 0x0B (int16), 0x0C (int32), 0x0D (float32) or 0x0E (float64)", magic[2] & 0xff));
        }
        int rank = magic[3] & 0xff;
        byte[] dimBytes = IoSupport.readUpTo(in, 4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new ArrayFileException(src, "truncated: the header announces " + rank + " dimensions ("
                    + 4 * rank + " bytes), but only " + dimBytes.length + " bytes follow the magic" + inside);
        }
        ByteBuffer db = ByteBuffer.wrap(dimBytes); // big-endian
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            long d = db.getInt() & 0xffffffffL;
            if (d > Integer.MAX_VALUE) {
                throw new ArrayFileException(src, "dimension " + i + " is " + d + ", more than this reader supports"
                        + " (2^31 - 1); the file is probably corrupt");
            }
            shape[i] = (int) d;
        }
        long n;
        try {
            n = (long) NdArray.checkedSize(shape, t) * t.itemSize();
        } catch (IllegalArgumentException ex) {
            throw new ArrayFileException(src, "shape " + Arrays.toString(shape) + " of " + t + " needs more than"
                    + " 2 GiB of data; at most 2 GiB per array are supported");
        }
        long known = fileSize < 0 ? -1 : fileSize - 4 - 4L * rank;
        byte[] data = Npy.readData(in, src, n, known, "shape " + Arrays.toString(shape) + " of " + t + inside);
        IoSupport.swapBytes(data, t.itemSize());
        return new NdArray(t, shape, data, src);
    }

    private static DType type(int code) {
        return switch (code) {
            case 0x08 -> DType.UINT8;
            case 0x09 -> DType.INT8;
            case 0x0B -> DType.INT16;
            case 0x0C -> DType.INT32;
            case 0x0D -> DType.FLOAT32;
            case 0x0E -> DType.FLOAT64;
            default -> null;
        };
    }
}
