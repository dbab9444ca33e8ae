package io.snn4j.data.events;

/**
 * Prophesee DAT files (N-CARS, the Gen1 automotive data set): a '%' text header, one byte of event type and one
 * of event size, then 8-byte little-endian CD events: a 32-bit timestamp in microseconds and a 32-bit word with
 * x in bits 0-13, y in bits 14-27 and the polarity in bits 28-31. A timestamp that drops by more than 2^31 is the
 * 32-bit counter wrapping around (2^32 us is added from there on).
 */
final class DatReader extends EventStream {
    static final int TYPE_EVENT_2D = 0x00;
    static final int TYPE_EVENT_CD = 0x0C;

    private long wraps;
    private long lastRaw = -1;

    DatReader(BinaryInput in, ReadOptions options, PropheseeHeader header) {
        super(in, options);
        declared = header.sensorSize();
        long at = in.position();
        if (!in.has(2)) {
            throw in.error(at, "truncated: the DAT header must be followed by an event type byte and an event "
                    + "size byte, " + in.remaining() + " bytes are left");
        }
        int type = in.u8("event type");
        int size = in.u8("event size");
        if (type != TYPE_EVENT_2D && type != TYPE_EVENT_CD) {
            throw in.error(at, String.format("unknown DAT event type 0x%02x: expected 0x00 (Event2D) or 0x0c "
                    + "(EventCD), the change-detection events", type));
        }
        if (size != 8) {
            throw in.error(at + 1, "DAT event size " + size + ": CD events are 8 bytes");
        }
    }

    @Override
    public EventFormat format() {
        return EventFormat.PROPHESEE_DAT;
    }

    @Override
    void fill(EventChunk c) {
        while (!c.isFull()) {
            if (in.atEnd()) {
                return;
            }
            long at = in.position();
            if (!in.has(8)) {
                throw in.error(at, "truncated event: DAT events are 8 bytes, " + in.remaining() + " bytes are left");
            }
            long ts = in.u32le("event");
            long w = in.u32le("event");
            if (lastRaw >= 0 && ts < lastRaw && lastRaw - ts > 1L << 31) {
                wraps++;
            }
            lastRaw = ts;
            long t = (wraps << 32) + ts;
            emit(c, t, (int) (w & 0x3fff), (int) ((w >>> 14) & 0x3fff), (int) ((w >>> 28) & 0xf), at);
        }
    }
}
