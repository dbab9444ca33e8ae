package io.snn4j.data.events;

/**
 * Prophesee RAW files in EVT 2.0: after the '%' header, little-endian 32-bit words whose top 4 bits give the
 * type. CD_OFF (0x0) and CD_ON (0x1) carry the 6 low timestamp bits (bits 22-27), x (bits 11-21) and y (bits
 * 0-10); EVT_TIME_HIGH (0x8) the upper 28 bits of the 34-bit timestamp. EXT_TRIGGER (0xA), OTHERS (0xE) and
 * CONTINUED (0xF) are skipped; other types are reserved and refused. When TIME_HIGH goes back, the 34-bit time
 * base has wrapped: 2^34 us is added from there on.
 */
final class Evt2Reader extends EventStream {
    private long timeHigh;
    private long loops;

    Evt2Reader(BinaryInput in, ReadOptions options, PropheseeHeader header) {
        super(in, options);
        declared = header.sensorSize();
    }

    @Override
    public EventFormat format() {
        return EventFormat.EVT2;
    }

    @Override
    void fill(EventChunk c) {
        while (!c.isFull()) {
            if (in.atEnd()) {
                return;
            }
            long at = in.position();
            if (!in.has(4)) {
                throw in.error(at, "truncated word: EVT 2.0 words are 4 bytes, " + in.remaining()
                        + " bytes are left");
            }
            int w = in.i32le("word");
            int type = w >>> 28;
            switch (type) {
                case 0x0, 0x1 -> {
                    long t = (loops << 34) + (timeHigh << 6 | (w >>> 22) & 0x3f);
                    emit(c, t, (w >>> 11) & 0x7ff, w & 0x7ff, type, at);
                }
                case 0x8 -> {
                    long th = w & 0x0fffffffL;
                    if (th < timeHigh) {
                        loops++;
                    }
                    timeHigh = th;
                }
                case 0xA, 0xE, 0xF -> {
                    // external trigger, extensions, continued data: not change-detection events
                }
                default -> throw in.error(at, String.format("unknown EVT 2.0 word type 0x%x: expected 0x0 (CD_OFF), "
                        + "0x1 (CD_ON), 0x8 (EVT_TIME_HIGH), 0xa (EXT_TRIGGER), 0xe (OTHERS) or 0xf (CONTINUED)",
                        type));
            }
        }
    }
}
