package io.snn4j.core.golden;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1-3, C order, little-endian float32/float64/int32/int64,
 * uint8/bool). Test-only: snn4j-core has no dependencies, and the golden files are written by NumPy.
 */
final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** The array's shape ({@code []} for a 0-d array) and its values converted to double, in C order. */
    record Array(int[] shape, double[] values) {
        int size() {
            return values.length;
        }

        float[] toFloats() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }

        int[] toInts() {
            int[] r = new int[values.length];
            for (int i = 0; i < r.length; i++) {
                if (values[i] != Math.rint(values[i])) {
                    throw new IllegalStateException("not an integer array: " + values[i]);
                }
                r[i] = (int) values[i];
            }
            return r;
        }
    }

    private Npy() {
    }

    static Array read(Path p) throws IOException {
        return parse(Files.readAllBytes(p), p.toString());
    }

    static Array read(InputStream in, String name) throws IOException {
        return parse(in.readAllBytes(), name);
    }

    static Array parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        if (bytes.length < 10) {
            throw new IllegalArgumentException(name + ": too short for a .npy file");
        }
        b.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IllegalArgumentException(name + ": not a .npy file (bad magic)");
        }
        int major = b.get() & 0xff;
        b.get();
        int headerLen = major == 1 ? (b.getShort() & 0xffff) : b.getInt();
        String header = new String(bytes, b.position(), headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        b.position(b.position() + headerLen);

        String descr = group(DESCR, header, name);
        if (group(FORTRAN, header, name).equals("True")) {
            throw new IllegalArgumentException(name + ": Fortran-order arrays are not supported");
        }
        String dims = group(SHAPE, header, name).trim();
        int[] shape = dims.isEmpty() ? new int[0]
                : Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .mapToInt(Integer::parseInt).toArray();
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        switch (descr) {
            case "<f4" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getFloat();
                }
            }
            case "<f8" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getDouble();
                }
            }
            case "<i4" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getInt();
                }
            }
            case "<i8" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getLong();
                }
            }
            case "|u1", "|b1" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.get() & 0xff;
                }
            }
            default -> throw new IllegalArgumentException(name + ": unsupported dtype " + descr);
        }
        return new Array(shape, v);
    }

    private static String group(Pattern p, String header, String name) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": header lacks " + p.pattern() + ": " + header);
        }
        return m.group(1);
    }
}
