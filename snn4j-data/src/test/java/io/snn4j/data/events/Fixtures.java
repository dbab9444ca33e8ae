package io.snn4j.data.events;

import com.github.luben.zstd.Zstd;
import com.google.flatbuffers.FlatBufferBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;

/** Writes small event files of every format the readers know, byte by byte from the formats' definitions. */
final class Fixtures {
    private Fixtures() {
    }

    /** The shared samples folder ({@code ../shared/data/events}), or null when absent. */
    static Path shared() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("data").resolve("events");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        Path d = Paths.get("/work/shared/data/events");
        return Files.isDirectory(d) ? d : null;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Little-endian buffer helper. */
    static final class Le {
        private final ByteArrayOutputStream o = new ByteArrayOutputStream();

        Le u8(int v) {
            o.write(v);
            return this;
        }

        Le u16(int v) {
            o.write(v);
            o.write(v >>> 8);
            return this;
        }

        Le u32(long v) {
            for (int i = 0; i < 4; i++) {
                o.write((int) (v >>> 8 * i));
            }
            return this;
        }

        Le u32be(long v) {
            for (int i = 3; i >= 0; i--) {
                o.write((int) (v >>> 8 * i));
            }
            return this;
        }

        Le bytes(byte[] b) {
            o.writeBytes(b);
            return this;
        }

        byte[] toBytes() {
            return o.toByteArray();
        }
    }

    // ---- Prophesee ----

    static byte[] dat(String header, int type, int size, long[] t, int[] x, int[] y, int[] p) {
        Le b = new Le().bytes(ascii(header)).u8(type).u8(size);
        for (int i = 0; i < t.length; i++) {
            b.u32(t[i]).u32((long) (p[i] & 0xf) << 28 | (long) (y[i] & 0x3fff) << 14 | (x[i] & 0x3fff));
        }
        return b.toBytes();
    }

    static int evt2Cd(int pol, int tLow, int x, int y) {
        return pol << 28 | (tLow & 0x3f) << 22 | (x & 0x7ff) << 11 | (y & 0x7ff);
    }

    static int evt2TimeHigh(long th) {
        return 0x8 << 28 | (int) (th & 0x0fffffff);
    }

    static byte[] evt2(String header, int... words) {
        Le b = new Le().bytes(ascii(header));
        for (int w : words) {
            b.u32(w & 0xffffffffL);
        }
        return b.toBytes();
    }

    static byte[] evt3(String header, int... words) {
        Le b = new Le().bytes(ascii(header));
        for (int w : words) {
            b.u16(w);
        }
        return b.toBytes();
    }

    // ---- AEDAT ----

    static byte[] aedat2(String chip, int[] addr, long[] ts) {
        String h = "#!AER-DAT2.0\r\n# This is a raw AE data file - do not edit\r\n"
                + (chip == null ? "" : "# AEChip: " + chip + "\r\n") + "# end of header\r\n";
        Le b = new Le().bytes(ascii(h));
        for (int i = 0; i < addr.length; i++) {
            b.u32be(addr[i] & 0xffffffffL).u32be(ts[i]);
        }
        return b.toBytes();
    }

    static final String AEDAT3_HEADER = "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
            + "#Start-Time: 2017-01-01 12:00:00 (TZ+0100)\r\n#!END-HEADER\r\n";

    /** One packet: type, events as (data, ts) pairs, overflow; capacity may exceed the number of events. */
    static byte[] aedat3Packet(int type, int size, int overflow, int capacity, int[] data, int[] ts) {
        Le b = new Le().u16(type).u16(1).u32(size).u32(4).u32(overflow).u32(capacity).u32(data.length)
                .u32(data.length);
        for (int i = 0; i < capacity; i++) {
            if (i < data.length) {
                b.u32(data[i] & 0xffffffffL).u32(ts[i] & 0xffffffffL);
                for (int k = 8; k < size; k++) {
                    b.u8(0);
                }
            } else {
                for (int k = 0; k < size; k++) {
                    b.u8(0);
                }
            }
        }
        return b.toBytes();
    }

    static int aedat3Polarity(int x, int y, int p, boolean valid) {
        return x << 17 | y << 2 | p << 1 | (valid ? 1 : 0);
    }

    // ---- AEDAT 4 ----

    static String aedat4Info(int w, int h, int eventStream, int otherStream) {
        return "<dv version=\"2.0\">\n    <node name=\"outInfo\" path=\"/mainloop/Recorder/outInfo/\">\n"
                + "        <node name=\"" + eventStream + "\" path=\"/x/\">\n"
                + "            <attr key=\"compression\" type=\"string\">LZ4</attr>\n"
                + "            <attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>\n"
                + "            <node name=\"info\" path=\"/x/info/\">\n"
                + "                <attr key=\"sizeX\" type=\"int\">" + w + "</attr>\n"
                + "                <attr key=\"sizeY\" type=\"int\">" + h + "</attr>\n"
                + "            </node>\n        </node>\n"
                + "        <node name=\"" + otherStream + "\" path=\"/y/\">\n"
                + "            <attr key=\"typeIdentifier\" type=\"string\">IMUS</attr>\n        </node>\n"
                + "    </node>\n</dv>\n";
    }

    static byte[] ioHeader(int compression, long dataTable, String info) {
        FlatBufferBuilder b = new FlatBufferBuilder(256);
        int s = b.createString(info);
        b.startTable(3);
        b.addLong(1, dataTable, -1);
        b.addOffset(2, s, 0);
        b.addInt(0, compression, 0);
        int root = b.endTable();
        b.finishSizePrefixed(root, "IOHE");
        return b.sizedByteArray();
    }

    /** A size-prefixed EventPacket flatbuffer ("EVTS"). */
    static byte[] eventPacket(long[] t, int[] x, int[] y, int[] p) {
        FlatBufferBuilder b = new FlatBufferBuilder(64 + 16 * t.length);
        b.startVector(16, t.length, 8);
        for (int i = t.length - 1; i >= 0; i--) {
            b.prep(8, 16);
            b.pad(3);
            b.putBoolean(p[i] != 0);
            b.putShort((short) y[i]);
            b.putShort((short) x[i]);
            b.putLong(t[i]);
        }
        int vec = b.endVector();
        b.startTable(1);
        b.addOffset(0, vec, 0);
        int root = b.endTable();
        b.finishSizePrefixed(root, "EVTS");
        return b.sizedByteArray();
    }

    static byte[] compress(int compression, byte[] data) {
        switch (compression) {
            case 0:
                return data;
            case 1:
            case 2: {
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                try (LZ4FrameOutputStream z = new LZ4FrameOutputStream(o)) {
                    z.write(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return o.toByteArray();
            }
            default:
                return Zstd.compress(data);
        }
    }

    /** An AEDAT 4 file; each packet is {stream id, payload (already compressed)}. */
    static byte[] aedat4(int compression, String info, List<Object[]> packets, boolean withTable) {
        byte[] magic = ascii("#!AER-DAT4.0\r\n");
        // the header's data-table position depends on the header's own size: build twice
        byte[] hdr = ioHeader(compression, -1, info);
        Le body = new Le();
        for (Object[] pk : packets) {
            byte[] payload = (byte[]) pk[1];
            body.u32((Integer) pk[0]).u32(payload.length).bytes(payload);
        }
        byte[] packetsBytes = body.toBytes();
        if (withTable) {
            long pos = magic.length + hdr.length + packetsBytes.length;
            hdr = ioHeader(compression, pos, info);
            pos = magic.length + hdr.length + packetsBytes.length;
            hdr = ioHeader(compression, pos, info);
            return concat(magic, hdr, packetsBytes, compress(compression, ascii("not a real data table")));
        }
        return concat(magic, hdr, packetsBytes);
    }

    static List<Object[]> packets(Object[]... p) {
        return new ArrayList<>(List.of(p));
    }

    /**
     * An LZ4 frame with linked blocks (the LZ4 library's default, which DV writes): block 1 holds
     * {@code first} as literals, block 2 repeats it with one match reaching back into block 1, then adds
     * {@code tail} (at least 5 bytes) as literals.
     */
    static byte[] linkedLz4(byte[] first, byte[] tail) {
        Le desc = new Le().u8(0x40).u8(0x40); // version 01, linked blocks, no checksums; 64 KiB blocks
        byte[] d = desc.toBytes();
        int hc = (XXHashFactory.fastestInstance().hash32().hash(d, 0, d.length, 0) >>> 8) & 0xff;
        Le b = new Le().u32(Lz4Frames.MAGIC).bytes(d).u8(hc);
        byte[] block1 = literals(first);
        b.u32(block1.length).bytes(block1);
        // block 2: a match of first.length bytes at offset first.length, then the tail as literals
        Le s = new Le();
        int mlen = first.length - 4;
        s.u8(Math.min(mlen, 15));
        s.u16(first.length);
        if (mlen >= 15) {
            int r = mlen - 15;
            while (r >= 255) {
                s.u8(255);
                r -= 255;
            }
            s.u8(r);
        }
        s.bytes(literals(tail));
        byte[] block2 = s.toBytes();
        b.u32(block2.length).bytes(block2);
        b.u32(0);
        return b.toBytes();
    }

    private static byte[] literals(byte[] lit) {
        Le s = new Le();
        int n = lit.length;
        s.u8(Math.min(n, 15) << 4);
        if (n >= 15) {
            int r = n - 15;
            while (r >= 255) {
                s.u8(255);
                r -= 255;
            }
            s.u8(r);
        }
        return s.bytes(lit).toBytes();
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
