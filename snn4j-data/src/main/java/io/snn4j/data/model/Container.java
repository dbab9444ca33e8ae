package io.snn4j.data.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The byte layout shared by model and checkpoint files (see docs/model-format.md): an 8-byte little-endian
 * header length N, N bytes of UTF-8 JSON, then the tensors' raw little-endian float32 values back to back.
 * The JSON starts with {@code {"header_crc32":"xxxxxxxx",} (CRC32 of the header with that member removed) and
 * holds {@code payload_crc32}, so a flipped bit anywhere is detected.
 */
final class Container {
    static final String FORMAT = "snn4j-model";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CRC_PREFIX = "{\"header_crc32\":\"";
    /** {@code {"header_crc32":"} + 8 hex digits + {@code ",}. */
    private static final int CRC_MEMBER_LENGTH = CRC_PREFIX.length() + 10;
    private static final long MAX_HEADER = 256L << 20;

    /** A tensor to write: values, shape and (for parameters) whether it is trainable. */
    record Entry(Tensor tensor, Boolean trainable) {
    }

    /** What {@link #read} found. */
    record Contents(Map<String, Object> header, LinkedHashMap<String, Tensor> tensors,
                    Map<String, Boolean> trainable) {
    }

    private Container() {
    }

    /**
     * Writes header fields (in order) plus the tensors' table and checksum, atomically: a temporary file in the
     * same directory is written, flushed to disk and renamed over {@code path}.
     */
    static void write(Path path, Map<String, Object> fields, LinkedHashMap<String, Entry> tensors) {
        Map<String, Object> table = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            Tensor t = e.getValue().tensor();
            long bytes = 4L * t.size();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dtype", "F32");
            m.put("shape", toList(t.shape()));
            m.put("offsets", List.of(offset, offset + bytes));
            if (e.getValue().trainable() != null) {
                m.put("trainable", e.getValue().trainable());
            }
            table.put(e.getKey(), m);
            offset += bytes;
        }
        if (offset > Integer.MAX_VALUE - 64) {
            throw new ModelFileException(path, "tensors take " + offset + " bytes; at most 2 GiB are supported");
        }
        ByteBuffer payload = ByteBuffer.allocate((int) offset).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : tensors.values()) {
            for (float v : e.tensor().data()) {
                payload.putFloat(v);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(payload.array());

        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", FORMAT);
        header.put("format_version", FORMAT_VERSION);
        header.putAll(fields);
        header.put("tensors", table);
        header.put("payload_bytes", offset);
        header.put("payload_crc32", String.format("%08x", crc.getValue()));
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException ex) {
            throw new ModelFileException(path, "cannot encode the header as JSON: " + ex.getOriginalMessage(), ex);
        }
        CRC32 hcrc = new CRC32();
        hcrc.update(body);
        byte[] member = (CRC_PREFIX + String.format("%08x", hcrc.getValue()) + "\",")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] headerBytes = new byte[member.length + body.length - 1];
        System.arraycopy(member, 0, headerBytes, 0, member.length);
        System.arraycopy(body, 1, headerBytes, member.length, body.length - 1);

        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
        writeAtomically(path, len.array(), headerBytes, payload.array());
    }



    private static void writeAtomically(Path path, byte[]... parts) {
        try {
            io.snn4j.data.io.AtomicWrite.bytes(path, parts);
        } catch (IOException ex) {
            throw new ModelFileException(path, "cannot write: " + ex, ex);
        }
    }

    /** Reads and verifies a file; the header map excludes {@code header_crc32}. */
    static Contents read(Path path) {
        byte[] all = readAll(path);
        Map<String, Object> header = readHeader(path, all);
        int headerLen = (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int payloadStart = 8 + headerLen;
        long payloadBytes = asLong(path, header.get("payload_bytes"), "payload_bytes");
        long expected = payloadStart + payloadBytes;
        if (all.length < expected) {
            throw new ModelFileException(path, "truncated (expected " + expected + " bytes, got " + all.length + ")");
        }
        if (all.length > expected) {
            throw new ModelFileException(path, "has " + (all.length - expected)
                    + " unexpected bytes after the tensors (expected " + expected + " bytes, got " + all.length + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(all, payloadStart, (int) payloadBytes);
        String want = String.valueOf(header.get("payload_crc32"));
        String got = String.format("%08x", crc.getValue());
        if (!got.equals(want)) {
            throw new ModelFileException(path, "checksum mismatch in the tensor data (stored " + want + ", computed "
                    + got + "); the file is corrupted");
        }
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Boolean> trainable = new LinkedHashMap<>();
        if (!(header.get("tensors") instanceof Map<?, ?> table)) {
            throw new ModelFileException(path, "header has no 'tensors' table");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<?, ?> e : table.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                throw new ModelFileException(path, "tensor '" + name + "' has no description");
            }
            if (!"F32".equals(m.get("dtype"))) {
                throw new ModelFileException(path, "tensor '" + name + "' has dtype " + m.get("dtype")
                        + "; only F32 is supported");
            }
            int[] shape = toInts(path, m.get("shape"), "shape of tensor '" + name + "'");
            int[] off = toInts(path, m.get("offsets"), "offsets of tensor '" + name + "'");
            long n;
            try {
                n = Tensor.sizeOf(shape);
            } catch (IllegalArgumentException ex) {
                throw new ModelFileException(path, "tensor '" + name + "' has a bad shape " + Arrays.toString(shape));
            }
            if (off.length != 2 || off[0] < 0 || off[1] - off[0] != 4 * n || off[1] > payloadBytes) {
                throw new ModelFileException(path, "tensor '" + name + "' has offsets " + Arrays.toString(off)
                        + " that do not fit its shape " + Arrays.toString(shape) + " (" + 4 * n
                        + " bytes) inside the " + payloadBytes + "-byte payload");
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = buf.getFloat(payloadStart + off[0] + 4 * i);
            }
            tensors.put(name, new Tensor(v, shape));
            if (m.get("trainable") instanceof Boolean b) {
                trainable.put(name, b);
            }
        }
        return new Contents(header, tensors, trainable);
    }

    /** Reads only the verified header (for inspecting a file without loading its tensors). */
    static Map<String, Object> readHeaderOnly(Path path) {
        return readHeader(path, readAll(path));
    }

    private static byte[] readAll(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException ex) {
            throw new ModelFileException(path, "no such file", ex);
        } catch (IOException ex) {
            throw new ModelFileException(path, "cannot read: " + ex, ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readHeader(Path path, byte[] all) {
        if (all.length < 8) {
            throw new ModelFileException(path, "not an snn4j model file (only " + all.length
                    + " bytes, shorter than the 8-byte header length)");
        }
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        boolean startsRight = all.length >= 8 + CRC_MEMBER_LENGTH && new String(all, 8, CRC_PREFIX.length(),
                StandardCharsets.US_ASCII).equals(CRC_PREFIX);
        if (n < CRC_MEMBER_LENGTH || n > MAX_HEADER || !startsRight) {
            if (startsRight && n > all.length - 8) {
                throw new ModelFileException(path, "truncated (expected at least " + (8 + n) + " bytes, got "
                        + all.length + ")");
            }
            throw new ModelFileException(path, "not an snn4j model file (it does not start with an snn4j header)");
        }
        if (n > all.length - 8) {
            throw new ModelFileException(path, "truncated (expected at least " + (8 + n) + " bytes, got "
                    + all.length + ")");
        }
        int len = (int) n;
        String stored = new String(all, 8 + CRC_PREFIX.length(), 8, StandardCharsets.US_ASCII);
        byte[] body = new byte[len - CRC_MEMBER_LENGTH + 1];
        body[0] = '{';
        System.arraycopy(all, 8 + CRC_MEMBER_LENGTH, body, 1, body.length - 1);
        CRC32 crc = new CRC32();
        crc.update(body);
        String got = String.format("%08x", crc.getValue());
        if (!got.equals(stored)) {
            throw new ModelFileException(path, "checksum mismatch in the header (stored " + stored + ", computed "
                    + got + "); the file is corrupted");
        }
        Map<String, Object> header;
        try {
            header = JSON.readValue(body, LinkedHashMap.class);
        } catch (IOException ex) {
            throw new ModelFileException(path, "header is not valid JSON: " + ex.getMessage(), ex);
        }
        if (!FORMAT.equals(header.get("format"))) {
            throw new ModelFileException(path, "not an snn4j model file (format is " + header.get("format")
                    + ", expected " + FORMAT + ")");
        }
        Object v = header.get("format_version");
        if (!(v instanceof Number num) || num.intValue() != FORMAT_VERSION) {
            throw new ModelFileException(path, "format version " + v + " is not supported (this snn4j reads version "
                    + FORMAT_VERSION + ")");
        }
        return header;
    }

    static List<Integer> toList(int[] a) {
        List<Integer> r = new ArrayList<>();
        for (int v : a) {
            r.add(v);
        }
        return r;
    }

    static int[] toInts(Path path, Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new ModelFileException(path, what + " must be a list of integers, got " + o);
        }
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(l.get(i) instanceof Number n) || n.longValue() != n.doubleValue() || n.longValue() > Integer.MAX_VALUE) {
                throw new ModelFileException(path, what + " must be a list of integers, got " + o);
            }
            r[i] = n.intValue();
        }
        return r;
    }

    static long asLong(Path path, Object o, String what) {
        if (!(o instanceof Number n) || n.longValue() < 0) {
            throw new ModelFileException(path, "header field '" + what + "' must be a non-negative integer, got " + o);
        }
        return n.longValue();
    }

    /** JSON has no NaN or infinity: such doubles are written as the strings "NaN", "Infinity", "-Infinity". */
    static Object encodeDouble(double v) {
        return Double.isFinite(v) ? (Object) v : Double.toString(v);
    }

    static double decodeDouble(Path path, Object o, String what) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new ModelFileException(path, what + " must be a number, got " + o);
    }
}
