package io.snn4j.data.events;

import java.util.Locale;

/**
 * cAER's AEDAT 3.1 (the format of DVS Gesture's original recordings): '#' text header lines from
 * {@code #!AER-DAT3.1} to {@code #!END-HEADER}, then packets. Each packet has a 28-byte little-endian header
 * (event type, source, event size, timestamp offset, timestamp overflow, capacity, number, valid) followed by
 * {@code capacity * size} bytes of events. Only polarity events (type 1, 8 bytes: a 32-bit word with the
 * validity in bit 0, polarity bit 1, y bits 2-16, x bits 17-31, and a 32-bit timestamp) are read; invalid ones
 * (bit 0 clear) are skipped, as libcaer does. Other known types (special, frame, IMU, sample, ear, config,
 * point, spike: 0 and 2-12) are skipped whole; any other type is refused. Timestamps are
 * {@code overflow << 31 | timestamp}.
 */
final class Aedat3Reader extends EventStream {
    static final int HEADER = 28;
    static final int POLARITY = 1;

    private int left;        // events still to read in the current polarity packet
    private long skipAfter;  // bytes to skip after them (unused capacity)
    private long overflow;
    private long packetAt;

    Aedat3Reader(BinaryInput in, ReadOptions options) {
        super(in, options);
        String first = in.line(1 << 16, "AEDAT header");
        if (!first.startsWith("#!AER-DAT3.1")) {
            throw in.error(0, "expected the AEDAT 3.1 header line '#!AER-DAT3.1', found '"
                    + Aedat2Reader.printable(first) + "'");
        }
        boolean ended = false;
        while (in.peek() == '#') {
            if (in.position() > PropheseeHeader.MAX_HEADER) {
                throw in.error(in.position(), "'#' header longer than 1 MiB: expected text lines then packets");
            }
            String line = in.line(1 << 16, "AEDAT header");
            if (line.startsWith("#!END-HEADER")) {
                ended = true;
                break;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("#source") && declared == null) {
                declared = sensorOf(lower);
            }
        }
        if (!ended) {
            throw in.error(in.position(), "the AEDAT 3.1 header does not end with '#!END-HEADER'");
        }
    }

    private static SensorSize sensorOf(String sourceLine) {
        if (sourceLine.contains("dvs128")) {
            return SensorSize.DVS128;
        }
        if (sourceLine.contains("davis346")) {
            return new SensorSize(346, 260, 2);
        }
        if (sourceLine.contains("davis240")) {
            return new SensorSize(240, 180, 2);
        }
        if (sourceLine.contains("davis128")) {
            return new SensorSize(128, 128, 2);
        }
        if (sourceLine.contains("dvxplorer")) {
            return new SensorSize(640, 480, 2);
        }
        return null;
    }

    @Override
    public EventFormat format() {
        return EventFormat.AEDAT3;
    }

    @Override
    void fill(EventChunk c) {
        while (!c.isFull()) {
            if (left > 0) {
                long at = in.position();
                int data = in.i32le("polarity event");
                int ts = in.i32le("polarity event");
                left--;
                if (left == 0) {
                    in.skip(skipAfter, "packet");
                }
                if ((data & 1) == 0) {
                    continue;
                }
                if (ts < 0) {
                    throw in.error(at, "negative timestamp " + ts + " in a polarity event (packet at byte "
                            + packetAt + ")");
                }
                long t = overflow << 31 | ts;
                emit(c, t, (data >>> 17) & 0x7fff, (data >>> 2) & 0x7fff, (data >>> 1) & 1, at);
                continue;
            }
            if (in.atEnd()) {
                return;
            }
            packetAt = in.position();
            if (!in.has(HEADER)) {
                throw in.error(packetAt, "truncated packet header: AEDAT 3.1 packet headers are 28 bytes, "
                        + in.remaining() + " bytes are left");
            }
            int type = (short) in.u16le("packet header");
            in.u16le("packet header"); // event source
            int sz = in.i32le("packet header");
            int tsOff = in.i32le("packet header");
            int ovf = in.i32le("packet header");
            int capacity = in.i32le("packet header");
            int number = in.i32le("packet header");
            int valid = in.i32le("packet header");
            if (sz < 4 || tsOff < 0 || tsOff > sz - 4 || capacity < 0 || number < 0 || number > capacity
                    || valid < 0 || valid > number || ovf < 0) {
                throw in.error(packetAt, "inconsistent packet header (type " + type + ", event size " + sz
                        + ", timestamp offset " + tsOff + ", overflow " + ovf + ", capacity " + capacity
                        + ", number " + number + ", valid " + valid + "): expected size >= 4, 0 <= offset <= "
                        + "size - 4, 0 <= valid <= number <= capacity");
            }
            long bytes = (long) capacity * sz;
            if (bytes > in.remaining()) {
                throw in.error(packetAt, "truncated packet: its header announces " + capacity + " events of "
                        + sz + " bytes (" + bytes + " bytes), " + in.remaining() + " bytes are left");
            }
            if (type == POLARITY) {
                if (sz != 8 || tsOff != 4) {
                    throw in.error(packetAt, "polarity packet with event size " + sz + " and timestamp offset "
                            + tsOff + ": polarity events are 8 bytes with the timestamp at offset 4");
                }
                overflow = ovf;
                left = number;
                skipAfter = (long) (capacity - number) * sz;
                if (number == 0) {
                    in.skip(bytes, "packet");
                }
            } else if (type == 0 || (type >= 2 && type <= 12)) {
                in.skip(bytes, "packet");
            } else {
                throw in.error(packetAt, "unknown event type " + type + " in a packet header: expected 0 "
                        + "(special), 1 (polarity), 2 (frame), 3/4 (IMU), 5 (sample), 6 (ear), 7 (config), 8-11 "
                        + "(points) or 12 (spike)");
            }
        }
    }
}
