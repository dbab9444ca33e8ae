package io.snn4j.data.events;

import java.io.Closeable;

/**
 * Reads the events of one file chunk by chunk into primitive arrays ({@link EventChunk}), so that a file of any
 * length is read with constant memory and no object per event. Open one with {@link EventFiles#open}; read with
 * {@link #read(EventChunk)} until it returns 0; close it.
 *
 * <p>Every event is checked as it is read: timestamps must not go back in time (unless
 * {@link ReadOptions#allowUnsorted()}), polarities must be 0 or 1 (or below the sensor's polarity count) and
 * coordinates must lie inside the sensor size when one is known (from the header or
 * {@link ReadOptions#sensorSize()}). Problems are {@link EventFormatException}s naming the byte offset.
 */
public abstract class EventStream implements Closeable {
    final BinaryInput in;
    final ReadOptions options;
    /** The sensor size the file declares, or null. Set by the reader's constructor. */
    SensorSize declared;
    private long lastT = Long.MIN_VALUE;
    private long count;
    private int xMax = -1;
    private int yMax = -1;
    private int pMax = -1;
    private boolean done;

    EventStream(BinaryInput in, ReadOptions options) {
        this.in = in;
        this.options = options;
    }

    /** The file's format. */
    public abstract EventFormat format();

    /** The file (or stream name) being read. */
    public String source() {
        return in.source();
    }

    /** The sensor size the events are checked against: {@link ReadOptions#sensorSize()}, else the header's, else null. */
    public SensorSize declaredSensorSize() {
        return options.sensorSize() != null ? options.sensorSize() : declared;
    }

    /**
     * The sensor size of the recording: the declared one if any, else the format's usual size when the events
     * read so far fit in it (N-MNIST: 34x34x2), else the smallest that holds them (max x + 1, max y + 1, 2).
     * Final once the stream has been read to the end.
     */
    public SensorSize sensorSize() {
        SensorSize d = declaredSensorSize();
        if (d != null) {
            return d;
        }
        SensorSize usual = usualSensorSize();
        if (usual != null && xMax < usual.width() && yMax < usual.height() && pMax < usual.polarities()) {
            return usual;
        }
        return new SensorSize(Math.max(1, xMax + 1), Math.max(1, yMax + 1), Math.max(2, pMax + 1));
    }

    /** The format's usual sensor size when the file does not say, or null. */
    SensorSize usualSensorSize() {
        return null;
    }

    /** Events read so far. */
    public long count() {
        return count;
    }

    /**
     * Fills {@code chunk} (from its start) with the next events; returns how many, 0 at the end of the file.
     */
    public final int read(EventChunk chunk) {
        chunk.clear();
        if (done) {
            return 0;
        }
        fill(chunk);
        if (chunk.size() == 0) {
            done = true;
        }
        return chunk.size();
    }

    /** Adds events to {@code chunk} until it is full or the file ends. */
    abstract void fill(EventChunk chunk);

    /** Checks one decoded event and adds it to the chunk. {@code at} is the byte offset of its record. */
    final void emit(EventChunk c, long t, int x, int y, int p, long at) {
        if (t < lastT && !options.allowUnsorted()) {
            throw in.error(at, "timestamp " + t + " us comes before the previous event's " + lastT
                    + " us; " + format().label() + " stores events in time order (to read such a file anyway, "
                    + "allow unsorted timestamps: ReadOptions.withAllowUnsorted(true), --allow-unsorted)");
        }
        SensorSize s = declaredSensorSize();
        int pols = s != null ? s.polarities() : 2;
        if (p < 0 || p >= Math.max(2, pols)) {
            throw in.error(at, "polarity " + p + ": expected 0 (OFF) or 1 (ON)");
        }
        if (x < 0 || y < 0 || x > Short.MAX_VALUE || y > Short.MAX_VALUE) {
            throw in.error(at, "coordinates (x=" + x + ", y=" + y + ") outside 0.." + Short.MAX_VALUE);
        }
        if (s != null && (x >= s.width() || y >= s.height())) {
            throw in.error(at, "event at (x=" + x + ", y=" + y + ") lies outside the sensor, "
                    + s.width() + " x " + s.height() + (options.sensorSize() != null ? " (as given)"
                    : " (as the header says)") + "; expected 0 <= x < " + s.width() + " and 0 <= y < "
                    + s.height());
        }
        lastT = t;
        count++;
        if (x > xMax) {
            xMax = x;
        }
        if (y > yMax) {
            yMax = y;
        }
        if (p > pMax) {
            pMax = p;
        }
        c.add(t, x, y, p);
    }

    @Override
    public void close() {
        in.close();
    }
}
