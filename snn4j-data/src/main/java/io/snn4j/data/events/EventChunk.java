package io.snn4j.data.events;

/**
 * A reusable block of events that {@link EventStream#read(EventChunk)} fills: the first {@link #size()} entries
 * of the public arrays are valid. One chunk serves a whole file, so reading allocates nothing per event.
 */
public final class EventChunk {
    public final long[] t;
    public final short[] x;
    public final short[] y;
    public final byte[] p;
    private int size;

    public EventChunk(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("chunk capacity must be at least 1, got " + capacity);
        }
        t = new long[capacity];
        x = new short[capacity];
        y = new short[capacity];
        p = new byte[capacity];
    }

    public int capacity() {
        return t.length;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == t.length;
    }

    void clear() {
        size = 0;
    }

    void add(long tv, int xv, int yv, int pv) {
        t[size] = tv;
        x[size] = (short) xv;
        y[size] = (short) yv;
        p[size] = (byte) pv;
        size++;
    }
}
