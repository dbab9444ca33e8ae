package io.snn4j.data.events;

import com.github.luben.zstd.ZstdInputStream;
import com.google.flatbuffers.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * DV's AEDAT 4: the line {@code #!AER-DAT4.0\r\n}, a size-prefixed flatbuffer {@code IOHeader} (compression,
 * position of the data table, an XML "info node" describing the streams), then packets: a little-endian stream
 * id and size, and that many bytes holding a size-prefixed flatbuffer, compressed as the header says (LZ4 frame
 * for LZ4 and LZ4_HIGH, zstd for ZSTD and ZSTD_HIGH, or none). The events are the packets of the first stream
 * whose type is {@code EVTS} (tonic's choice), each an {@code EventPacket} table holding a vector of 16-byte
 * {@code Event} structs (int64 timestamp in microseconds, int16 x, int16 y, bool polarity). The sensor size is
 * the stream's {@code sizeX} and {@code sizeY}. Packets of other streams (IMU, triggers, frames) are skipped; the
 * data table at the end is not needed.
 *
 * <p>Decompression uses lz4-java and zstd-jni; the flatbuffers are read with the flatbuffers runtime's
 * {@code Table} API, with every offset checked against the packet's size first.
 */
final class Aedat4Reader extends EventStream {
    static final String MAGIC = "#!AER-DAT4.0\r\n";
    static final int NONE = 0;
    static final int LZ4 = 1;
    static final int LZ4_HIGH = 2;
    static final int ZSTD = 3;
    static final int ZSTD_HIGH = 4;
    /** No decompressed packet may exceed this (nor 1024 times its compressed size). */
    static final int MAX_PACKET = 1 << 28;
    static final int EVENT_STRUCT = 16;

    private final int compression;
    private final long end;
    private final int streamId;
    // the packet being handed out
    private ByteBuffer packet;
    private int nextEvent;
    private int eventCount;
    private int eventBase;
    private long packetAt;

    Aedat4Reader(BinaryInput in, ReadOptions options) {
        super(in, options);
        byte[] magic = in.bytes(Math.min(MAGIC.length(), Math.max(0, in.remaining())), "AEDAT 4 magic");
        if (!new String(magic, StandardCharsets.ISO_8859_1).equals(MAGIC)) {
            throw in.error(0, "expected the AEDAT 4 magic '#!AER-DAT4.0\\r\\n'");
        }
        long hdrAt = in.position();
        int hdrSize = in.i32le("IOHeader size");
        if (hdrSize < 8) {
            throw in.error(hdrAt, "IOHeader size " + hdrSize + ": expected a flatbuffer of at least 8 bytes");
        }
        byte[] hdr = in.bytes(hdrSize, "IOHeader");
        int comp;
        long dataTable;
        String info;
        try {
            ByteBuffer bb = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
            FbTable t = FbTable.root(bb, 0);
            comp = t.intField(0, NONE);
            dataTable = t.longField(1, -1);
            info = t.stringField(2);
        } catch (RuntimeException e) {
            throw in.error(hdrAt + 4, "corrupt IOHeader flatbuffer: " + e);
        }
        if (comp < NONE || comp > ZSTD_HIGH) {
            throw in.error(hdrAt + 4, "unknown compression type " + comp + " in the IOHeader: expected 0 (none), "
                    + "1/2 (LZ4), 3/4 (zstd)");
        }
        if (dataTable >= 0 && (dataTable < in.position() || dataTable > in.size())) {
            throw in.error(hdrAt + 4, "the IOHeader puts the data table at byte " + dataTable + ", outside the "
                    + "packets (bytes " + in.position() + " to " + in.size() + "): the file is truncated or corrupt");
        }
        compression = comp;
        end = dataTable >= 0 ? dataTable : in.size();
        if (info == null) {
            throw in.error(hdrAt + 4, "the IOHeader has no info node: the streams of the file are unknown");
        }
        StreamInfo s = parseInfo(info, in, hdrAt);
        streamId = s.id;
        declared = s.sensor;
    }

    record StreamInfo(int id, SensorSize sensor) {
    }

    static StreamInfo parseInfo(String xml, BinaryInput in, long at) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
            doc = b.parse(new InputSource(new java.io.StringReader(xml)));
        } catch (Exception e) {
            throw in.error(at, "the IOHeader's info node is not well-formed XML: " + e.getMessage());
        }
        Element outInfo = null;
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "node".equals(e.getTagName()) && "outInfo".equals(e.getAttribute("name"))) {
                outInfo = e;
            }
        }
        int best = -1;
        SensorSize sensor = null;
        if (outInfo != null) {
            for (Node n = outInfo.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element e) || !"node".equals(e.getTagName())) {
                    continue;
                }
                int id;
                try {
                    id = Integer.parseInt(e.getAttribute("name"));
                } catch (NumberFormatException ex) {
                    continue;
                }
                if (!"EVTS".equals(attr(e, "typeIdentifier")) || (best >= 0 && id >= best)) {
                    continue;
                }
                best = id;
                sensor = null;
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element ce && "node".equals(ce.getTagName())
                            && "info".equals(ce.getAttribute("name"))) {
                        try {
                            int w = Integer.parseInt(attr(ce, "sizeX").trim());
                            int h = Integer.parseInt(attr(ce, "sizeY").trim());
                            if (w >= 1 && h >= 1 && w <= Short.MAX_VALUE && h <= Short.MAX_VALUE) {
                                sensor = new SensorSize(w, h, 2);
                            }
                        } catch (NumberFormatException | NullPointerException ex) {
                            sensor = null;
                        }
                    }
                }
            }
        }
        if (best < 0) {
            throw in.error(at, "no event stream: the info node lists no output with typeIdentifier EVTS");
        }
        return new StreamInfo(best, sensor);
    }

    private static String attr(Element node, String key) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "attr".equals(e.getTagName()) && key.equals(e.getAttribute("key"))) {
                return e.getTextContent();
            }
        }
        return null;
    }

    @Override
    public EventFormat format() {
        return EventFormat.AEDAT4;
    }

    @Override
    void fill(EventChunk c) {
        while (!c.isFull()) {
            if (packet != null && nextEvent < eventCount) {
                int o = eventBase + nextEvent * EVENT_STRUCT;
                nextEvent++;
                emit(c, packet.getLong(o), packet.getShort(o + 8), packet.getShort(o + 10),
                        packet.get(o + 12) != 0 ? 1 : 0, packetAt);
                continue;
            }
            packet = null;
            if (in.position() >= end || in.atEnd()) {
                return;
            }
            long at = in.position();
            if (end - at < 8) {
                throw in.error(at, "truncated packet header: 8 bytes (stream id, size) needed, " + (end - at)
                        + " left before the " + (end == in.size() ? "end of the file" : "data table"));
            }
            int id = in.i32le("packet header");
            int size = in.i32le("packet header");
            if (size < 0 || size > end - in.position()) {
                throw in.error(at, "packet of stream " + id + " claims " + size + " bytes, " + (end - in.position())
                        + " are left before the " + (end == in.size() ? "end of the file" : "data table"));
            }
            if (id != streamId) {
                in.skip(size, "packet");
                continue;
            }
            byte[] raw = in.bytes(size, "packet");
            packetAt = at;
            openPacket(decompress(raw, at), at);
        }
    }

    private byte[] decompress(byte[] raw, long at) {
        if (compression == NONE) {
            return raw;
        }
        long cap = Math.min(MAX_PACKET, 1024L * raw.length + 65536);
        if (compression <= LZ4_HIGH) {
            try {
                return Lz4Frames.decompress(raw, cap);
            } catch (Lz4Frames.Lz4FormatException e) {
                throw in.error(at, "packet is not valid LZ4 frame data: " + e.getMessage());
            } catch (RuntimeException e) {
                throw in.error(at, "packet is not valid LZ4 frame data: " + e);
            } catch (LinkageError e) {
                throw in.error(at, "the LZ4 codec cannot be loaded on this platform: " + e);
            }
        }
        try (InputStream s = new ZstdInputStream(new ByteArrayInputStream(raw))) {
            byte[] out = new byte[(int) Math.min(cap, Math.max(1024, 4L * raw.length))];
            int n = 0;
            while (true) {
                if (n == out.length) {
                    if (out.length >= cap) {
                        if (s.read() < 0) {
                            break;
                        }
                        throw in.error(at, "zstd packet decompresses to more than " + cap + " bytes: corrupt, or "
                                + "not an event packet");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(cap, 2L * out.length));
                }
                int r = s.read(out, n, out.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return Arrays.copyOf(out, n);
        } catch (EventFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw in.error(at, "packet is not valid zstd data: " + e.getMessage());
        } catch (LinkageError e) {
            throw in.error(at, "the zstd codec (zstd-jni) cannot be loaded on this platform: " + e);
        }
    }

    private void openPacket(byte[] data, long at) {
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int start = 0;
        if (data.length >= 4 && (bb.getInt(0) & 0xffffffffL) == data.length - 4L) {
            start = 4; // size prefix
        }
        if (data.length - start < 12 || data[start + 4] != 'E' || data[start + 5] != 'V' || data[start + 6] != 'T'
                || data[start + 7] != 'S') {
            throw in.error(at, "event packet is not an EventPacket flatbuffer: expected the identifier 'EVTS'");
        }
        try {
            FbTable t = FbTable.root(bb, start);
            int n = t.vectorLength(0);
            int base = t.vectorStart(0);
            if (n < 0 || base < 0 || (long) base + (long) n * EVENT_STRUCT > data.length) {
                throw in.error(at, "event packet's vector of " + n + " events at " + base + " runs past the "
                        + "packet's " + data.length + " bytes");
            }
            packet = bb;
            eventCount = n;
            eventBase = base;
            nextEvent = 0;
        } catch (EventFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw in.error(at, "corrupt EventPacket flatbuffer: " + e);
        }
    }

    /** Checked access to one flatbuffer table through the runtime's {@link Table} API. */
    static final class FbTable extends Table {

        static FbTable root(ByteBuffer bb, int start) {
            FbTable t = new FbTable();
            t.bb = bb;
            t.check(start, 4);
            int pos = bb.getInt(start) + start;
            t.check(pos, 4);
            int vt = pos - bb.getInt(pos);
            t.check(vt, 4);
            int vtLen = bb.getShort(vt) & 0xffff;
            t.check(vt, Math.max(4, vtLen));
            t.__reset(pos, bb);
            return t;
        }

        private void check(int at, int len) {
            if (at < 0 || (long) at + len > bb.limit()) {
                throw new IllegalArgumentException("offset " + at + " (+" + len + ") outside the buffer of "
                        + bb.limit() + " bytes");
            }
        }

        private int field(int slot, int len) {
            int o = __offset(4 + 2 * slot);
            if (o != 0) {
                check(bb_pos + o, len);
            }
            return o;
        }

        int intField(int slot, int dflt) {
            int o = field(slot, 4);
            return o != 0 ? bb.getInt(bb_pos + o) : dflt;
        }

        long longField(int slot, long dflt) {
            int o = field(slot, 8);
            return o != 0 ? bb.getLong(bb_pos + o) : dflt;
        }

        String stringField(int slot) {
            int o = field(slot, 4);
            if (o == 0) {
                return null;
            }
            int s = bb_pos + o + bb.getInt(bb_pos + o);
            check(s, 4);
            int len = bb.getInt(s);
            check(s + 4, Math.max(0, len));
            if (len < 0) {
                throw new IllegalArgumentException("negative string length");
            }
            return __string(bb_pos + o);
        }

        int vectorLength(int slot) {
            int o = field(slot, 4);
            if (o == 0) {
                return 0;
            }
            check(bb_pos + o + bb.getInt(bb_pos + o), 4);
            return __vector_len(o);
        }

        int vectorStart(int slot) {
            int o = field(slot, 4);
            return o == 0 ? 0 : __vector(o);
        }
    }
}
