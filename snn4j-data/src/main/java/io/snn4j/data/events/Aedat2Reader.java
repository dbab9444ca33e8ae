package io.snn4j.data.events;

import java.util.Locale;

/**
 * jAER's AEDAT 2.0: '#' text header lines (the first {@code #!AER-DAT2.0}), then 8-byte events, a big-endian
 * 32-bit address and a big-endian 32-bit timestamp in microseconds. How the address encodes x, y and polarity
 * depends on the chip the header names ({@code # AEChip: ...}); decoded as jAER's extractors do:
 * <ul>
 * <li>DVS128 (also when the header names no chip): x = 127 - bits 1-7, y = bits 8-14, polarity = 1 - bit 0
 * (raw 0 is ON); addresses with bit 15 set are external (special) events and are skipped.</li>
 * <li>DAVIS240 / DAVIS346 / DAVIS128: x = W-1 - bits 12-21, y = H-1 - bits 22-30, polarity = bit 11;
 * addresses with bit 31 set (APS frame samples, IMU) or bit 10 set (external input) are not polarity events and
 * are skipped.</li>
 * </ul>
 * The 32-bit timestamp counter wraps around: a drop by more than 2^31 adds 2^32 us from there on.
 */
final class Aedat2Reader extends EventStream {
    private enum Chip { DVS128, DAVIS }

    private final Chip chip;
    private long wraps;
    private long lastRaw = -1;

    Aedat2Reader(BinaryInput in, ReadOptions options) {
        super(in, options);
        String first = in.line(1 << 16, "AEDAT header");
        if (!first.startsWith("#!AER-DAT2.")) {
            throw in.error(0, "expected the AEDAT 2.0 header line '#!AER-DAT2.0', found '" + printable(first) + "'");
        }
        String chipName = null;
        while (in.peek() == '#') {
            if (in.position() > PropheseeHeader.MAX_HEADER) {
                throw in.error(in.position(), "'#' header longer than 1 MiB: expected text lines then events");
            }
            String line = in.line(1 << 16, "AEDAT header");
            int k = line.indexOf("AEChip:");
            if (k >= 0) {
                chipName = line.substring(k + 7).trim();
            }
        }
        String lower = chipName == null ? "dvs128" : chipName.toLowerCase(Locale.ROOT);
        if (lower.contains("dvs128") || lower.contains("tmpdiff128")) {
            chip = Chip.DVS128;
            declared = SensorSize.DVS128;
        } else if (lower.contains("davis346")) {
            chip = Chip.DAVIS;
            declared = new SensorSize(346, 260, 2);
        } else if (lower.contains("davis240")) {
            chip = Chip.DAVIS;
            declared = new SensorSize(240, 180, 2);
        } else if (lower.contains("davis128")) {
            chip = Chip.DAVIS;
            declared = new SensorSize(128, 128, 2);
        } else {
            throw in.error(-1, "AEDAT 2.0 file recorded from chip '" + chipName + "': its address layout is not "
                    + "known; supported chips: DVS128, DAVIS128, DAVIS240, DAVIS346");
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(60, s.length()); i++) {
            char c = s.charAt(i);
            b.append(c >= 32 && c < 127 ? c : '?');
        }
        return b + (s.length() > 60 ? "..." : "");
    }

    @Override
    public EventFormat format() {
        return EventFormat.AEDAT2;
    }

    @Override
    void fill(EventChunk c) {
        SensorSize s = declared;
        while (!c.isFull()) {
            if (in.atEnd()) {
                return;
            }
            long at = in.position();
            if (!in.has(8)) {
                throw in.error(at, "truncated event: AEDAT 2.0 events are 8 bytes, " + in.remaining()
                        + " bytes are left");
            }
            int a = in.i32be("event");
            long ts = in.i32be("event") & 0xffffffffL;
            if (lastRaw >= 0 && ts < lastRaw && lastRaw - ts > 1L << 31) {
                wraps++;
            }
            lastRaw = ts;
            long t = (wraps << 32) + ts;
            if (chip == Chip.DVS128) {
                if ((a & 0x8000) != 0) {
                    continue;
                }
                emit(c, t, 127 - ((a >>> 1) & 0x7f), (a >>> 8) & 0x7f, 1 - (a & 1), at);
            } else {
                if ((a & 0x80000000) != 0 || (a & 0x400) != 0) {
                    continue;
                }
                int xr = (a >>> 12) & 0x3ff;
                int yr = (a >>> 22) & 0x1ff;
                if (xr >= s.width() || yr >= s.height()) {
                    throw in.error(at, "DAVIS address has x=" + xr + ", y=" + yr + ": outside the chip's "
                            + s.width() + " x " + s.height() + " pixels");
                }
                emit(c, t, s.width() - 1 - xr, s.height() - 1 - yr, (a >>> 11) & 1, at);
            }
        }
    }
}
