package io.snn4j.data.events;

import io.snn4j.data.io.NdArray;
import java.util.Arrays;
import java.util.Objects;

/**
 * A recording of events as a struct of arrays: timestamps {@code t} in microseconds ({@code long}), pixel
 * coordinates {@code x}, {@code y} ({@code short}, like tonic's int16 fields) and polarity {@code p} (a small
 * non-negative integer: 0 = OFF, 1 = ON for cameras), with the {@link SensorSize} they were recorded on.
 *
 * <p>Immutable: the arrays are owned by this object and never change; accessors that return arrays return
 * copies, and every transform returns a new {@code Events}. Events are usually sorted by time (readers make
 * sure of it unless told to allow disorder); {@link #isSortedByTime()} tells.
 *
 * <p>Events of a one-dimensional sensor (SHD's cochlea channels) carry no {@code y}: {@link #hasY()} is false,
 * {@code y} is 0 and frames come out as {@code [T, P, W]}, as tonic makes them from a structured array without a
 * {@code y} field.
 */
public final class Events {
    private final long[] t;
    private final short[] x;
    private final short[] y;
    private final byte[] p;
    private final SensorSize sensor;
    private final boolean hasY;

    private Events(long[] t, short[] x, short[] y, byte[] p, SensorSize sensor, boolean hasY) {
        this.t = t;
        this.x = x;
        this.y = y;
        this.p = p;
        this.sensor = Objects.requireNonNull(sensor, "sensor size");
        this.hasY = hasY;
    }

    /** Takes ownership of the arrays (no copy): callers must not touch them afterwards. */
    static Events wrap(long[] t, short[] x, short[] y, byte[] p, SensorSize sensor, boolean hasY) {
        if (x.length != t.length || y.length != t.length || p.length != t.length) {
            throw new IllegalArgumentException("event arrays differ in length: t " + t.length + ", x " + x.length
                    + ", y " + y.length + ", p " + p.length);
        }
        return new Events(t, x, y, p, sensor, hasY);
    }

    /**
     * Events from plain arrays (copied). Coordinates must fit in int16 and polarities in 0..127; they need not
     * lie inside the sensor (tonic's transforms can push them out), see {@link #checkInsideSensor()}.
     */
    public static Events of(long[] t, int[] x, int[] y, int[] p, SensorSize sensor) {
        int n = t.length;
        if (x.length != n || y.length != n || p.length != n) {
            throw new IllegalArgumentException("event arrays differ in length: t " + n + ", x " + x.length
                    + ", y " + y.length + ", p " + p.length);
        }
        short[] xs = new short[n];
        short[] ys = new short[n];
        byte[] ps = new byte[n];
        for (int i = 0; i < n; i++) {
            xs[i] = toShort("x", i, x[i]);
            ys[i] = toShort("y", i, y[i]);
            if (p[i] < 0 || p[i] > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("event " + i + ": polarity " + p[i] + " outside 0..127");
            }
            ps[i] = (byte) p[i];
        }
        return new Events(t.clone(), xs, ys, ps, sensor, true);
    }

    /** Events of a one-dimensional sensor (no y), e.g. spikes of cochlea channels {@code x} at times {@code t}. */
    public static Events of1d(long[] t, int[] x, int[] p, SensorSize sensor) {
        Events e = of(t, x, new int[t.length], p, sensor);
        return new Events(e.t, e.x, e.y, e.p, sensor, false);
    }

    /** No events on {@code sensor}. */
    public static Events empty(SensorSize sensor) {
        return new Events(new long[0], new short[0], new short[0], new byte[0], sensor, true);
    }

    private static short toShort(String what, int i, int v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new IllegalArgumentException("event " + i + ": " + what + " = " + v + " does not fit in int16");
        }
        return (short) v;
    }

    // ---- access ----

    public int size() {
        return t.length;
    }

    public boolean isEmpty() {
        return t.length == 0;
    }

    public long t(int i) {
        return t[i];
    }

    public int x(int i) {
        return x[i];
    }

    public int y(int i) {
        return y[i];
    }

    public int p(int i) {
        return p[i];
    }

    public SensorSize sensorSize() {
        return sensor;
    }

    /** False for events of a one-dimensional sensor (SHD), whose frames have no height axis. */
    public boolean hasY() {
        return hasY;
    }

    /** Timestamps in microseconds (a copy). */
    public long[] timestamps() {
        return t.clone();
    }

    public int[] xs() {
        return widen(x);
    }

    public int[] ys() {
        return widen(y);
    }

    public int[] polarities() {
        int[] r = new int[p.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = p[i];
        }
        return r;
    }

    private static int[] widen(short[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i];
        }
        return r;
    }

    // package-private direct access for the transforms (read only by contract)
    long[] tArray() {
        return t;
    }

    short[] xArray() {
        return x;
    }

    short[] yArray() {
        return y;
    }

    byte[] pArray() {
        return p;
    }

    // ---- derived recordings ----

    /** Events {@code from} (inclusive) to {@code to} (exclusive), as Python's {@code events[from:to]}. */
    public Events slice(int from, int to) {
        if (from < 0 || to > t.length || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + t.length + " events");
        }
        return new Events(Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(x, from, to),
                Arrays.copyOfRange(y, from, to), Arrays.copyOfRange(p, from, to), sensor, hasY);
    }

    /**
     * The events with {@code tStart <= t < tEnd}, found by binary search (the events must be sorted by time,
     * as {@link #searchSorted(long)} requires).
     */
    public Events sliceByTime(long tStart, long tEnd) {
        requireSorted("sliceByTime");
        int a = searchSorted(tStart);
        int b = Math.max(a, searchSorted(tEnd));
        return slice(a, b);
    }

    /** The first index whose timestamp is {@code >= value} (NumPy's {@code searchsorted(t, value, 'left')}). */
    public int searchSorted(long value) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The events at the given indices, in that order. */
    public Events select(int[] indices) {
        int n = indices.length;
        long[] nt = new long[n];
        short[] nx = new short[n];
        short[] ny = new short[n];
        byte[] np = new byte[n];
        for (int k = 0; k < n; k++) {
            int i = indices[k];
            nt[k] = t[i];
            nx[k] = x[i];
            ny[k] = y[i];
            np[k] = p[i];
        }
        return new Events(nt, nx, ny, np, sensor, hasY);
    }

    /** The events whose {@code keep} entry is true, in order. */
    public Events filter(boolean[] keep) {
        if (keep.length != t.length) {
            throw new IllegalArgumentException("filter mask has " + keep.length + " entries for " + t.length
                    + " events");
        }
        int n = 0;
        for (boolean k : keep) {
            if (k) {
                n++;
            }
        }
        int[] idx = new int[n];
        for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
                idx[j++] = i;
            }
        }
        return select(idx);
    }

    /** The same events on another sensor size (no coordinate changes, no checks; see {@link #checkInsideSensor}). */
    public Events withSensorSize(SensorSize s) {
        return new Events(t, x, y, p, s, hasY);
    }

    /** Same arrays, new owner of the pieces: used by transforms that change one field. */
    Events withArrays(long[] nt, short[] nx, short[] ny, byte[] np, SensorSize s) {
        return wrap(nt, nx, ny, np, s, hasY);
    }

    public boolean isSortedByTime() {
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1]) {
                return false;
            }
        }
        return true;
    }

    void requireSorted(String what) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1]) {
                throw new IllegalArgumentException(what + " needs events sorted by time, but event " + i + " (t="
                        + t[i] + ") comes before event " + (i - 1) + " (t=" + t[i - 1] + "); sort them with "
                        + "sortedByTime()");
            }
        }
    }

    /** The events sorted by time; events with equal timestamps keep their order (a stable sort). */
    public Events sortedByTime() {
        if (isSortedByTime()) {
            return this;
        }
        Integer[] order = new Integer[t.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
        int[] idx = new int[order.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = order[i];
        }
        return select(idx);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first event whose coordinates or polarity lie outside
     * the sensor size.
     */
    public Events checkInsideSensor() {
        for (int i = 0; i < t.length; i++) {
            if (x[i] < 0 || x[i] >= sensor.width() || y[i] < 0 || y[i] >= sensor.height() || p[i] < 0
                    || p[i] >= sensor.polarities()) {
                throw new IllegalArgumentException("event " + i + " (x=" + x[i] + ", y=" + y[i] + ", p=" + p[i]
                        + ") lies outside the sensor size " + sensor + " (W,H,P)");
            }
        }
        return this;
    }

    /** Count, time range, ON/OFF counts and coordinate ranges. */
    public EventStats stats() {
        EventStats.Accumulator a = new EventStats.Accumulator();
        for (int i = 0; i < t.length; i++) {
            a.add(t[i], x[i], y[i], p[i]);
        }
        return a.result(sensor);
    }

    // ---- conversions ----

    /**
     * The events as an int64 array {@code [N, 4]} with the columns x, y, t, p: tonic's field order, what
     * {@code structured_to_unstructured(events)} gives (one-dimensional events too, with y = 0).
     */
    public NdArray toNdArray() {
        long[] v = new long[t.length * 4];
        for (int i = 0; i < t.length; i++) {
            v[4 * i] = x[i];
            v[4 * i + 1] = y[i];
            v[4 * i + 2] = t[i];
            v[4 * i + 3] = p[i];
        }
        return NdArray.ofLongs(v, t.length, 4);
    }

    /** Reads {@link #toNdArray()}'s layout back: an integer array {@code [N, 4]} with columns x, y, t, p. */
    public static Events fromNdArray(NdArray a, SensorSize sensor) {
        int[] s = a.shape();
        if (s.length != 2 || s[1] != 4) {
            throw new IllegalArgumentException("expected an array [N, 4] with the columns x, y, t, p, got shape "
                    + Arrays.toString(s));
        }
        long[] v = a.toLongs();
        int n = s[0];
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.toIntExact(v[4 * i]);
            y[i] = Math.toIntExact(v[4 * i + 1]);
            t[i] = v[4 * i + 2];
            p[i] = Math.toIntExact(v[4 * i + 3]);
        }
        return of(t, x, y, p, sensor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Events e && hasY == e.hasY && sensor.equals(e.sensor) && Arrays.equals(t, e.t)
                && Arrays.equals(x, e.x) && Arrays.equals(y, e.y) && Arrays.equals(p, e.p);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensor, hasY, Arrays.hashCode(t), Arrays.hashCode(x), Arrays.hashCode(y),
                Arrays.hashCode(p));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Events[" + t.length + " on " + sensor + (hasY ? "" : ", 1-d"));
        for (int i = 0; i < Math.min(3, t.length); i++) {
            s.append(i == 0 ? ": " : ", ").append("(x=").append(x[i]).append(", y=").append(y[i]).append(", t=")
                    .append(t[i]).append(", p=").append(p[i]).append(')');
        }
        return s.append(t.length > 3 ? ", ...]" : "]").toString();
    }
}
