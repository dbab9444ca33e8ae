package io.snn4j.data.events;

/**
 * N-MNIST and N-Caltech101 {@code .bin} files (Orchard et al. 2015), read as tonic's {@code read_mnist_file}
 * does: 5-byte records, byte 0 = x, byte 1 = y, bit 7 of byte 2 = polarity, the other 23 bits of bytes 2-4 a
 * big-endian timestamp in microseconds. A record with y = 240 is a timestamp-overflow marker: it is not an
 * event, and every later timestamp gets 2^13 added (the original MATLAB reader's rule, which tonic keeps).
 */
final class NmnistBinReader extends EventStream {
    static final int RECORD = 5;
    static final int OVERFLOW_Y = 240;
    static final long OVERFLOW_STEP = 1L << 13;

    private long added;

    NmnistBinReader(BinaryInput in, ReadOptions options) {
        super(in, options);
    }

    @Override
    public EventFormat format() {
        return EventFormat.NMNIST_BIN;
    }

    @Override
    SensorSize usualSensorSize() {
        return SensorSize.NMNIST;
    }

    @Override
    void fill(EventChunk c) {
        while (!c.isFull()) {
            if (in.atEnd()) {
                return;
            }
            long at = in.position();
            if (!in.has(RECORD)) {
                throw in.error(at, "truncated record: N-MNIST events are 5 bytes, " + in.remaining()
                        + " bytes are left (the file's size " + in.size() + " is not a multiple of 5)");
            }
            int x = in.u8("record");
            int y = in.u8("record");
            int b2 = in.u8("record");
            int b3 = in.u8("record");
            int b4 = in.u8("record");
            if (y == OVERFLOW_Y) {
                added += OVERFLOW_STEP;
                continue;
            }
            long t = ((long) (b2 & 0x7f) << 16 | b3 << 8 | b4) + added;
            emit(c, t, x, y, (b2 & 0x80) >>> 7, at);
        }
    }
}
