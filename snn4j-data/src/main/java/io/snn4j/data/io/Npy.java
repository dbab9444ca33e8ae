package io.snn4j.data.io;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.NdArray.DType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} array files (what {@code np.save} writes), following NumPy's {@code numpy/lib/format.py}.
 *
 * <p><b>Reading</b> accepts format versions 1.0, 2.0 (4-byte header length) and 3.0 (UTF-8 header), C order, any
 * rank including 0-d and empty arrays, and the element types bool ({@code |b1}), int8, uint8, int16, int32,
 * int64, float32 and float64, little- or big-endian. A structured array whose fields are such numbers (e.g. events
 * {@code [('x', '<i2'), ('y', '<i2'), ('p', '|b1'), ('t', '<i8')]}) is read field by field with
 * {@link #readRecords}. Everything else (object arrays, strings, complex numbers, Fortran order, sub-array fields,
 * a wrong magic, a header that does not match the data) is rejected with an {@link ArrayFileException} naming the
 * file, what it found and what was expected.
 *
 * <p><b>Writing</b> produces the bytes {@code np.save} produces for the same array: version 1.0 (2.0 only when the
 * header needs more than 64 KiB), keys in sorted order, the header padded with spaces to a multiple of 64 bytes
 * and ended by a newline. Files are written to a temporary file in the same folder and then renamed.
 *
 * <pre>{@code
 * Tensor x = Npy.read(Path.of("input.npy")).toTensor();            // float32, any stored number type
 * int[] y = Npy.read(Path.of("labels.npy")).toInts();              // int64 labels as int
 * Npy.write(Path.of("out.npy"), x);                                // '<f4', readable by np.load
 * Npy.writeLabels(Path.of("labels.npy"), y);                       // '<i8'
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy pads headers so that the data starts at a multiple of this. */
    private static final int ARRAY_ALIGN = 64;
    /** Spare header room NumPy leaves after the shape so that the first axis can grow in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Headers beyond this are refused as corrupt (NumPy itself refuses 10,000 characters by default). */
    private static final long MAX_HEADER = 16L << 20;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final Pattern SIMPLE_DESCR = Pattern.compile("([<>|=]?)([A-Za-z?])(\\d*)");

    private Npy() {
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a plain (not structured) array.
     *
     * @throws ArrayFileException naming the file and the problem
     */
    public static NdArray read(Path path) {
        return IoSupport.readFile(path, Npy::read);
    }

    /**
     * Reads a plain array from a stream, which must hold exactly one {@code .npy} file and is read to its end
     * (not closed).
     *
     * @param name used in error messages, e.g. the resource or entry name
     */
    public static NdArray read(InputStream in, String name) {
        return IoSupport.readStream(in, name, Npy::read);
    }

    /**
     * Reads a structured array of numeric fields into one column per field (padding fields are skipped).
     *
     * @throws ArrayFileException when the file is not a structured array or a field is not a plain number
     */
    public static NpyRecords readRecords(Path path) {
        return IoSupport.readFile(path, Npy::readRecords);
    }

    /** {@link #readRecords(Path)} from a stream holding exactly one {@code .npy} file (not closed). */
    public static NpyRecords readRecords(InputStream in, String name) {
        return IoSupport.readStream(in, name, Npy::readRecords);
    }

    private static NdArray read(InputStream in, String src, long fileSize) throws IOException {
        Header h = readHeader(in, src);
        if (h.descr instanceof List<?> fields) {
            throw new ArrayFileException(src, "holds a structured array (fields " + fieldNames(fields)
                    + "), expected a plain array of numbers; read it with Npy.readRecords, which gives one column"
                    + " per field");
        }
        Simple t = simple(h.descr, src, "dtype");
        int n = elementCount(h.shape, t.dtype.itemSize(), src);
        String what = "shape " + Arrays.toString(h.shape) + " of " + t.dtype;
        byte[] data = readData(in, src, (long) n * t.dtype.itemSize(), remainingAfter(fileSize, h), what);
        if (t.bigEndian) {
            IoSupport.swapBytes(data, t.dtype.itemSize());
        }
        if (t.dtype == DType.BOOL) {
            normalizeBools(data);
        }
        return new NdArray(t.dtype, h.shape, data, src);
    }

    private static NpyRecords readRecords(InputStream in, String src, long fileSize) throws IOException {
        Header h = readHeader(in, src);
        if (!(h.descr instanceof List<?> list)) {
            throw new ArrayFileException(src, "holds a plain " + simple(h.descr, src, "dtype").dtype
                    + " array, expected a structured array; read it with Npy.read");
        }
        List<Field> fields = new ArrayList<>();
        int recordSize = fields(list, src, fields);
        int n = elementCount(h.shape, Math.max(1, recordSize), src);
        String what = "shape " + Arrays.toString(h.shape) + " of " + recordSize + "-byte records";
        byte[] data = readData(in, src, (long) n * recordSize, remainingAfter(fileSize, h), what);
        LinkedHashMap<String, NdArray> columns = new LinkedHashMap<>();
        for (Field f : fields) {
            int w = f.dtype.itemSize();
            byte[] col = new byte[n * w];
            for (int i = 0; i < n; i++) {
                System.arraycopy(data, i * recordSize + f.offset, col, i * w, w);
            }
            if (f.bigEndian) {
                IoSupport.swapBytes(col, w);
            }
            if (f.dtype == DType.BOOL) {
                normalizeBools(col);
            }
            columns.put(f.name, new NdArray(f.dtype, h.shape, col, src + " field '" + f.name + "'"));
        }
        return new NpyRecords(h.shape, columns, src);
    }

    /** What the header says; {@code descr} is a String (plain dtype) or a List (structured). */
    private record Header(int prefixBytes, Object descr, int[] shape) {
    }

    private record Simple(DType dtype, boolean bigEndian) {
    }

    private record Field(String name, DType dtype, boolean bigEndian, int offset) {
    }

    private static Header readHeader(InputStream in, String src) throws IOException {
        byte[] pre = IoSupport.readUpTo(in, MAGIC.length + 2);
        if (pre.length < MAGIC.length + 2 || !Arrays.equals(pre, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ArrayFileException(src, badMagic(pre));
        }
        int major = pre[6] & 0xff;
        int minor = pre[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new ArrayFileException(src, "NPY format version " + major + "." + minor
                    + " is not supported (expected 1.0, 2.0 or 3.0)");
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] lb = IoSupport.readUpTo(in, lenBytes);
        if (lb.length < lenBytes) {
            throw new ArrayFileException(src, "truncated: the file ends inside the header length");
        }
        ByteBuffer lbuf = ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN);
        long hlen = major == 1 ? lbuf.getShort() & 0xffffL : lbuf.getInt() & 0xffffffffL;
        if (hlen > MAX_HEADER) {
            throw new ArrayFileException(src, "the header length field says " + hlen
                    + " bytes, more than the " + MAX_HEADER + " this reader accepts; the file is probably corrupt");
        }
        byte[] hb = IoSupport.readUpTo(in, (int) hlen);
        if (hb.length < hlen) {
            throw new ArrayFileException(src, "truncated: the header should be " + hlen + " bytes, but only "
                    + hb.length + " follow");
        }
        String text;
        if (major == 3) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(hb)).toString();
            } catch (CharacterCodingException ex) {
                throw new ArrayFileException(src, "the version 3.0 header is not valid UTF-8");
            }
        } else {
            text = new String(hb, StandardCharsets.ISO_8859_1);
        }
        Object parsed;
        try {
            parsed = PyLiteral.parse(text);
        } catch (PyLiteral.SyntaxError ex) {
            throw new ArrayFileException(src, "the header is not a Python dict literal (" + ex.getMessage()
                    + "): " + excerpt(text));
        }
        if (!(parsed instanceof Map<?, ?> d)) {
            throw new ArrayFileException(src, "the header is not a dict, expected {'descr': ..., 'fortran_order':"
                    + " ..., 'shape': ...}: " + excerpt(text));
        }
        Set<Object> keys = new HashSet<>(d.keySet());
        if (!keys.equals(KEYS)) {
            Set<String> missing = new TreeSet<>(KEYS);
            missing.removeAll(keys);
            List<String> extra = new ArrayList<>();
            for (Object k : d.keySet()) {
                if (!KEYS.contains(k)) {
                    extra.add(String.valueOf(k));
                }
            }
            throw new ArrayFileException(src, "the header must have exactly the keys 'descr', 'fortran_order' and"
                    + " 'shape'" + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra) + ": " + excerpt(text));
        }
        int[] shape = shape(d.get("shape"), src);
        if (!(d.get("fortran_order") instanceof Boolean fortran)) {
            throw new ArrayFileException(src, "'fortran_order' must be True or False, got " + d.get("fortran_order"));
        }
        if (fortran && !layoutsAgree(shape)) {
            throw new ArrayFileException(src, "holds a Fortran-order (column-major) array of shape "
                    + Arrays.toString(shape) + "; only C order (row-major, 'fortran_order': False) is supported"
                    + " (in NumPy: np.save(path, np.ascontiguousarray(a)))");
        }
        Object descr = d.get("descr");
        if (!(descr instanceof String) && !(descr instanceof List)) {
            throw new ArrayFileException(src, "'descr' must be a type string such as '<f4' or a list of fields,"
                    + " got " + pythonish(descr));
        }
        return new Header(MAGIC.length + 2 + lenBytes + (int) hlen, descr, shape);
    }

    private static String badMagic(byte[] pre) {
        if (pre.length == 0) {
            return "is empty, expected a .npy file";
        }
        if (pre.length >= 2 && (pre[0] & 0xff) == 0x1f && (pre[1] & 0xff) == 0x8b) {
            return "not a .npy file: it is gzip-compressed (starts with 1f 8b); decompress it first";
        }
        if (pre.length >= 4 && pre[0] == 'P' && pre[1] == 'K' && pre[2] == 3 && pre[3] == 4) {
            return "not a .npy file: it is a zip archive (an .npz holds several .npy files; extract them first)";
        }
        if (pre.length < MAGIC.length + 2 && Arrays.equals(pre, 0, Math.min(pre.length, MAGIC.length), MAGIC, 0,
                Math.min(pre.length, MAGIC.length))) {
            return "truncated: only " + pre.length + " bytes, shorter than the NPY magic and version";
        }
        return "not a .npy file: it starts with " + IoSupport.hex(pre, 8)
                + ", expected the NPY magic 93 4e 55 4d 50 59 (\\x93NUMPY)";
    }

    /** Fortran and C order store the same bytes when at most one dimension exceeds 1. */
    private static boolean layoutsAgree(int[] shape) {
        int big = 0;
        for (int d : shape) {
            if (d > 1) {
                big++;
            }
        }
        return big <= 1;
    }

    private static int[] shape(Object o, String src) {
        if (!(o instanceof PyLiteral.Tuple t)) {
            throw new ArrayFileException(src, "'shape' must be a tuple of non-negative integers, got "
                    + pythonish(o));
        }
        int[] shape = new int[t.items().size()];
        for (int i = 0; i < shape.length; i++) {
            Object v = t.items().get(i);
            if (!(v instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new ArrayFileException(src, "'shape' must be a tuple of non-negative integers below 2^31, got "
                        + pythonish(o));
            }
            shape[i] = (int) (long) l;
        }
        return shape;
    }

    private static int elementCount(int[] shape, int itemSize, String src) {
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n * itemSize > Integer.MAX_VALUE - 8) {
                throw new ArrayFileException(src, "shape " + Arrays.toString(shape) + " needs more than 2 GiB of"
                        + " data; at most 2 GiB per array are supported");
            }
        }
        return (int) n;
    }

    private static long remainingAfter(long fileSize, Header h) {
        return fileSize < 0 ? -1 : fileSize - h.prefixBytes;
    }

    /**
     * Reads exactly {@code n} data bytes and checks that nothing follows. {@code known} is the number of bytes
     * after the header when the file size is known (checked before allocating), or -1.
     */
    static byte[] readData(InputStream in, String src, long n, long known, String what) throws IOException {
        String expected = "the header describes " + what + " (" + n + " bytes of data)";
        if (known >= 0 && known < n) {
            throw new ArrayFileException(src, "truncated: " + expected + ", but only " + known
                    + " bytes follow the header");
        }
        if (known > n) {
            throw new ArrayFileException(src, expected + ", but " + known + " bytes follow the header"
                    + " (header and data do not match)");
        }
        byte[] data;
        if (known == n) {
            // the size is known to be right: read into one array instead of growing chunks
            data = new byte[(int) n];
            int got = in.readNBytes(data, 0, data.length);
            if (got < n) {
                data = Arrays.copyOf(data, got);
            }
        } else {
            data = IoSupport.readUpTo(in, (int) n);
        }
        if (data.length < n) {
            throw new ArrayFileException(src, "truncated: " + expected + ", but only " + data.length
                    + " bytes follow the header");
        }
        long extra = IoSupport.remaining(in);
        if (extra > 0) {
            throw new ArrayFileException(src, expected + ", but " + (n + extra) + " bytes follow the header"
                    + " (header and data do not match)");
        }
        return data;
    }

    private static void normalizeBools(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != 0) {
                b[i] = 1;
            }
        }
    }

    private static Simple simple(Object descr, String src, String what) {
        if (!(descr instanceof String s)) {
            throw new ArrayFileException(src, what + " " + pythonish(descr)
                    + " is not supported; expected a plain number type such as '<f4'");
        }
        Matcher m = SIMPLE_DESCR.matcher(s);
        if (!m.matches()) {
            throw new ArrayFileException(src, what + " '" + s + "' is not supported; " + SUPPORTED);
        }
        String order = m.group(1);
        char kind = m.group(2).charAt(0);
        int size = m.group(3).isEmpty() ? -1 : Integer.parseInt(m.group(3));
        switch (kind) {
            case 'O':
                throw new ArrayFileException(src, what + " '" + s + "' is an object array (pickled Python objects),"
                        + " which is not supported; " + SUPPORTED);
            case 'U':
            case 'S':
            case 'a':
                throw new ArrayFileException(src, what + " '" + s + "' holds strings, which are not supported; "
                        + SUPPORTED);
            case 'c':
                throw new ArrayFileException(src, what + " '" + s + "' holds complex numbers, which are not"
                        + " supported; " + SUPPORTED);
            case 'M':
            case 'm':
                throw new ArrayFileException(src, what + " '" + s + "' holds dates or time spans, which are not"
                        + " supported; " + SUPPORTED);
            default:
                break;
        }
        DType t = size < 0 ? null : DType.of(kind, size);
        if (t == null) {
            throw new ArrayFileException(src, what + " '" + s + "' is not supported; " + SUPPORTED);
        }
        if (t.itemSize() > 1 && !order.equals("<") && !order.equals(">")) {
            throw new ArrayFileException(src, what + " '" + s + "' does not state its byte order; expected '<"
                    + kind + size + "' (little-endian) or '>" + kind + size + "' (big-endian)");
        }
        return new Simple(t, order.equals(">"));
    }

    private static final String SUPPORTED = "supported: bool ('|b1'), int8 ('|i1'), uint8 ('|u1'), int16 ('<i2'),"
            + " int32 ('<i4'), int64 ('<i8'), float32 ('<f4'), float64 ('<f8'), little- ('<') or big-endian ('>')";

    /** Parses a structured descr into fields (padding skipped); returns the record size in bytes. */
    private static int fields(List<?> descr, String src, List<Field> out) {
        Set<String> seen = new HashSet<>();
        int offset = 0;
        for (int i = 0; i < descr.size(); i++) {
            Object item = descr.get(i);
            if (!(item instanceof PyLiteral.Tuple t) || t.items().size() < 2 || t.items().size() > 3) {
                throw new ArrayFileException(src, "field " + i + " of the structured dtype is " + pythonish(item)
                        + ", expected a tuple (name, type)");
            }
            Object nameObj = t.items().get(0);
            if (nameObj instanceof PyLiteral.Tuple titled && titled.items().size() == 2) {
                nameObj = titled.items().get(1); // (title, name)
            }
            if (!(nameObj instanceof String name)) {
                throw new ArrayFileException(src, "field " + i + " has the name " + pythonish(t.items().get(0))
                        + ", expected a string");
            }
            Object type = t.items().get(1);
            if (name.isEmpty() && type instanceof String ts && ts.matches("[|<>=]?V\\d+")) {
                offset += Integer.parseInt(ts.replaceAll("\\D", "")); // padding bytes
                continue;
            }
            if (name.isEmpty()) {
                name = "f" + i;
            }
            if (type instanceof List) {
                throw new ArrayFileException(src, "field '" + name + "' is itself structured; only fields holding"
                        + " plain numbers are supported");
            }
            if (t.items().size() == 3) {
                throw new ArrayFileException(src, "field '" + name + "' is a sub-array of shape "
                        + pythonish(t.items().get(2)) + "; only fields holding one number per record are supported");
            }
            Simple s = simple(type, src, "field '" + name + "' type");
            if (!seen.add(name)) {
                throw new ArrayFileException(src, "field name '" + name + "' appears twice");
            }
            out.add(new Field(name, s.dtype, s.bigEndian, offset));
            offset += s.dtype.itemSize();
        }
        if (out.isEmpty()) {
            throw new ArrayFileException(src, "the structured dtype has no fields");
        }
        return offset;
    }

    private static String fieldNames(List<?> fields) {
        List<String> names = new ArrayList<>();
        for (Object f : fields) {
            if (f instanceof PyLiteral.Tuple t && !t.items().isEmpty()) {
                Object n = t.items().get(0);
                if (n instanceof PyLiteral.Tuple titled && titled.items().size() == 2) {
                    n = titled.items().get(1);
                }
                if (!"".equals(n)) {
                    names.add(String.valueOf(n));
                }
            }
        }
        return String.join(", ", names);
    }

    /** A value as NumPy would print it in a header. */
    private static String pythonish(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof String s) {
            return "'" + s + "'";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof PyLiteral.Tuple t) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < t.items().size(); i++) {
                b.append(i > 0 ? ", " : "").append(pythonish(t.items().get(i)));
            }
            return b.append(t.items().size() == 1 ? ",)" : ")").toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                b.append(i > 0 ? ", " : "").append(pythonish(l.get(i)));
            }
            return b.append("]").toString();
        }
        return String.valueOf(o);
    }

    private static String excerpt(String header) {
        String t = header.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }

    // ---------------------------------------------------------------- writing

    /** Writes a float32 array ({@code '<f4'}) with the tensor's shape. */
    public static void write(Path path, Tensor t) {
        write(path, NdArray.of(t));
    }

    /** Writes one-dimensional int64 labels ({@code '<i8'}), as PyTorch and NumPy keep class labels. */
    public static void writeLabels(Path path, int[] labels) {
        write(path, NdArray.labels(labels));
    }

    /**
     * Writes {@code array} with its element type, little-endian, atomically (temporary file, then rename).
     *
     * @throws ArrayFileException when the file cannot be written
     */
    public static void write(Path path, NdArray array) {
        IoSupport.writeAtomically(path, header(array), array.bytesView());
    }

    /** The complete {@code .npy} file for {@code array}, byte for byte what {@code np.save} writes. */
    public static byte[] toBytes(NdArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(array));
        out.writeBytes(array.bytesView());
        return out.toByteArray();
    }

    /** Magic, version, header length and the padded header dict. */
    static byte[] header(NdArray a) {
        int[] shape = a.shape();
        StringBuilder dict = new StringBuilder("{'descr': '").append(a.dtype().numpyDescr())
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(i > 0 ? ", " : "").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length())));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        int hlen = text.length + 1; // the final newline
        int major = 1;
        int lenBytes = 2;
        int pad = ARRAY_ALIGN - ((MAGIC.length + 2 + lenBytes + hlen) % ARRAY_ALIGN);
        if (hlen + pad > 0xffff) {
            major = 2;
            lenBytes = 4;
            pad = ARRAY_ALIGN - ((MAGIC.length + 2 + lenBytes + hlen) % ARRAY_ALIGN);
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + lenBytes + hlen + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) (hlen + pad));
        } else {
            b.putInt(hlen + pad);
        }
        b.put(text);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }
}
