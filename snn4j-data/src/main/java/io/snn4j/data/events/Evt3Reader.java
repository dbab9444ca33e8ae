package io.snn4j.data.events;

/**
 * Prophesee RAW files in EVT 3.0: after the '%' header, little-endian 16-bit words whose top 4 bits give the
 * type, decoded with the state the format defines: EVT_ADDR_Y (0x0) sets y, EVT_ADDR_X (0x2) emits one event at
 * x with its polarity (bit 11), VECT_BASE_X (0x3) sets the base x and polarity of the vectors that follow,
 * VECT_12 (0x4) and VECT_8 (0x5) emit an event for each set bit (x = base + bit) and advance the base by 12 or 8,
 * EVT_TIME_LOW (0x6) and EVT_TIME_HIGH (0x8) set the lower and upper 12 bits of the 24-bit time base.
 * CONTINUED_4 (0x7), EXT_TRIGGER (0xA), OTHERS (0xE) and CONTINUED_12 (0xF) are skipped; other types are
 * reserved and refused. When TIME_HIGH goes back the 24-bit time base has wrapped: 2^24 us is added from there on.
 */
final class Evt3Reader extends EventStream {
    private int y;
    private int pol;
    private int baseX;
    private long timeHigh;
    private long timeLow;
    private long loops;
    // a vector word's events not yet handed out (a chunk may fill up in the middle of one)
    private final int[] pendingX = new int[12];
    private int pendingN;
    private int pendingNext;
    private int pendingY;
    private int pendingP;
    private long pendingT;
    private long pendingAt;

    Evt3Reader(BinaryInput in, ReadOptions options, PropheseeHeader header) {
        super(in, options);
        declared = header.sensorSize();
    }

    @Override
    public EventFormat format() {
        return EventFormat.EVT3;
    }

    private long time() {
        return (loops << 24) + (timeHigh << 12 | timeLow);
    }

    @Override
    void fill(EventChunk c) {
        while (!c.isFull()) {
            if (pendingNext < pendingN) {
                emit(c, pendingT, pendingX[pendingNext++], pendingY, pendingP, pendingAt);
                continue;
            }
            if (in.atEnd()) {
                return;
            }
            long at = in.position();
            if (!in.has(2)) {
                throw in.error(at, "truncated word: EVT 3.0 words are 2 bytes, 1 byte is left");
            }
            int w = in.u16le("word");
            int type = w >>> 12;
            switch (type) {
                case 0x0 -> y = w & 0x7ff;
                case 0x2 -> emit(c, time(), w & 0x7ff, y, (w >>> 11) & 1, at);
                case 0x3 -> {
                    pol = (w >>> 11) & 1;
                    baseX = w & 0x7ff;
                }
                case 0x4, 0x5 -> {
                    int bits = type == 0x4 ? 12 : 8;
                    int mask = w & (type == 0x4 ? 0xfff : 0xff);
                    pendingN = 0;
                    pendingNext = 0;
                    for (int k = 0; k < bits; k++) {
                        if ((mask & 1 << k) != 0) {
                            pendingX[pendingN++] = baseX + k;
                        }
                    }
                    pendingY = y;
                    pendingP = pol;
                    pendingT = time();
                    pendingAt = at;
                    baseX += bits;
                }
                case 0x6 -> timeLow = w & 0xfff;
                case 0x8 -> {
                    long th = w & 0xfff;
                    if (th < timeHigh) {
                        loops++;
                    }
                    timeHigh = th;
                }
                case 0x7, 0xA, 0xE, 0xF -> {
                    // continued data, external triggers, extensions: not change-detection events
                }
                default -> throw in.error(at, String.format("unknown EVT 3.0 word type 0x%x: expected 0x0 "
                        + "(EVT_ADDR_Y), 0x2 (EVT_ADDR_X), 0x3 (VECT_BASE_X), 0x4 (VECT_12), 0x5 (VECT_8), 0x6 "
                        + "(EVT_TIME_LOW), 0x7 (CONTINUED_4), 0x8 (EVT_TIME_HIGH), 0xa (EXT_TRIGGER), 0xe (OTHERS) "
                        + "or 0xf (CONTINUED_12)", type));
            }
        }
    }
}
