package io.snn4j.data.events;

import java.util.Arrays;

/**
 * Events to frames, with tonic's {@code ToFrame} semantics (tonic/transforms.py, tonic/functional/to_frame.py,
 * tonic/slicers.py): the events are cut into slices, by a time window, a number of events, a number of time bins
 * or a number of event bins, and each slice is counted per polarity and pixel into an int16 frame
 * {@code [P, H, W]}.
 *
 * <pre>{@code
 * Frames f = ToFrame.timeWindow(1000).overlap(200).includeIncomplete(true).apply(events);
 * Tensor x = f.toTensor(false);   // [T, P, H, W] float32
 * }</pre>
 *
 * <p>tonic's quirks, kept on purpose (docs/data.md lists them):
 * <ul>
 * <li>time window: {@code n = floor((duration - window) / stride) + 1} slices ({@code ceil} with
 * include_incomplete), at least one; slice i holds {@code start + i*stride <= t < start + i*stride + window}.
 * A recording shorter than the window gives one frame; the event at exactly {@code start + window} falls in the
 * next frame, and without include_incomplete the events after the last full window are dropped.</li>
 * <li>event count: {@code stride = count - overlap}, starts {@code int(i * stride)}.</li>
 * <li>n time bins: {@code window = (t_last - t_first) // n * (1 + overlap)} (integer division first), so the
 * last event is never counted and a single event (duration 0) gives n empty frames.</li>
 * <li>n event bins: {@code count = int(N // n * (1 + overlap))} events per bin, {@code stride = int(count *
 * (1 - overlap))}: with fewer events than bins every frame is empty; leftover events at the end are dropped.</li>
 * <li>one polarity (P = 1): events must all have the same polarity, which becomes 0.</li>
 * <li>empty input: float64 zeros of shape {@code [1 or n, P, W, H]}, width and height swapped
 * (switch off with {@link #emptyAsTonic(boolean)} to get int16 {@code [T, P, H, W]} zeros).</li>
 * </ul>
 * Unlike tonic, negative coordinates are an error (NumPy would count them from the far edge) and the events must
 * be sorted by time.
 */
public final class ToFrame {
    private enum Mode { TIME_WINDOW, EVENT_COUNT, TIME_BINS, EVENT_BINS }

    private final Mode mode;
    private final double value;
    private double overlap;
    private boolean includeIncomplete;
    private SensorSize sensor;
    private Double startTime;
    private Double endTime;
    private boolean emptyAsTonic = true;

    private ToFrame(Mode mode, double value) {
        this.mode = mode;
        this.value = value;
    }

    /** Slices of {@code us} microseconds (tonic's {@code time_window}). */
    public static ToFrame timeWindow(double us) {
        if (!(us > 0) || Double.isInfinite(us)) {
            throw new IllegalArgumentException("time window must be a positive number of microseconds, got " + us);
        }
        return new ToFrame(Mode.TIME_WINDOW, us);
    }

    /** Slices of {@code n} events (tonic's {@code event_count}). */
    public static ToFrame eventCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("event count must be at least 1, got " + n);
        }
        return new ToFrame(Mode.EVENT_COUNT, n);
    }

    /** {@code n} frames of equal duration (tonic's {@code n_time_bins}). */
    public static ToFrame nTimeBins(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of time bins must be at least 1, got " + n);
        }
        return new ToFrame(Mode.TIME_BINS, n);
    }

    /** {@code n} frames of equally many events (tonic's {@code n_event_bins}). */
    public static ToFrame nEventBins(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of event bins must be at least 1, got " + n);
        }
        return new ToFrame(Mode.EVENT_BINS, n);
    }

    /**
     * Overlap of consecutive slices: microseconds for a time window, events for an event count, a fraction of a
     * bin in [0, 1) for the bin modes. Default 0.
     */
    public ToFrame overlap(double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException("overlap must be a finite number >= 0, got " + v);
        }
        if ((mode == Mode.TIME_BINS || mode == Mode.EVENT_BINS) && v >= 1) {
            throw new IllegalArgumentException("overlap of bins is a fraction of a bin and must be below 1, got " + v);
        }
        if ((mode == Mode.TIME_WINDOW || mode == Mode.EVENT_COUNT) && value - v <= 0) {
            throw new IllegalArgumentException("overlap " + v + " must be smaller than the "
                    + (mode == Mode.TIME_WINDOW ? "time window " : "event count ") + value);
        }
        this.overlap = v;
        return this;
    }

    /** Keep the last, incomplete slice (time window and event count only, as in tonic). */
    public ToFrame includeIncomplete(boolean v) {
        this.includeIncomplete = v;
        return this;
    }

    /** The sensor size to count on; default: the events' own. */
    public ToFrame sensorSize(SensorSize s) {
        this.sensor = s;
        return this;
    }

    /** Time-window slicing starts here instead of at the first event (tonic's {@code start_time}). */
    public ToFrame startTime(double us) {
        this.startTime = us;
        return this;
    }

    /** Time-window slicing ends here instead of at the last event (tonic's {@code end_time}). */
    public ToFrame endTime(double us) {
        this.endTime = us;
        return this;
    }

    /**
     * true (default): empty input gives tonic's float64 zeros {@code [T, P, W, H]}; false: int16 zeros
     * {@code [T, P, H, W]} like non-empty input, which is what batching wants.
     */
    public ToFrame emptyAsTonic(boolean v) {
        this.emptyAsTonic = v;
        return this;
    }

    /** The frames of {@code ev}. */
    public Frames apply(Events ev) {
        SensorSize s = sensor != null ? sensor : ev.sensorSize();
        int n = ev.size();
        if (n == 0) {
            int frames = mode == Mode.TIME_BINS || mode == Mode.EVENT_BINS ? (int) value : 1;
            if (emptyAsTonic) {
                int[] shape = {frames, s.polarities(), s.width(), s.height()};
                return new Frames(shape, new short[frames * s.cells()], true);
            }
            int[] shape = ev.hasY() ? new int[] {frames, s.polarities(), s.height(), s.width()}
                    : new int[] {frames, s.polarities(), s.width()};
            return new Frames(shape, new short[frames * s.cells()], false);
        }
        int[][] slices = slices(ev);
        boolean single = s.polarities() == 1;
        if (single) {
            int p0 = ev.p(0);
            for (int i = 1; i < n; i++) {
                if (ev.p(i) != p0) {
                    throw new IllegalArgumentException("single polarity sensor " + s
                            + ", but the events have more than one polarity (tonic raises the same)");
                }
            }
        }
        short[] xs = ev.xArray();
        short[] ys = ev.yArray();
        byte[] ps = ev.pArray();
        int w = s.width();
        int h = ev.hasY() ? s.height() : 1;
        int plane = w * h;
        int frameSize = plane * s.polarities();
        for (int i = 0; i < n; i++) {
            int p = single ? 0 : ps[i];
            if (xs[i] < 0 || xs[i] >= w || (ev.hasY() && (ys[i] < 0 || ys[i] >= h)) || p >= s.polarities()) {
                throw new IllegalArgumentException("event " + i + " (x=" + xs[i] + ", y=" + ys[i] + ", p=" + ps[i]
                        + ") lies outside the sensor size " + s + " (W,H,P)");
            }
        }
        short[] counts = new short[slices.length * frameSize];
        for (int f = 0; f < slices.length; f++) {
            int a = Math.min(slices[f][0], n);
            int b = Math.min(slices[f][1], n);
            int base = f * frameSize;
            for (int i = a; i < b; i++) {
                int p = single ? 0 : ps[i];
                int idx = base + p * plane + (ev.hasY() ? ys[i] * w : 0) + xs[i];
                counts[idx]++;
            }
        }
        int[] shape = ev.hasY() ? new int[] {slices.length, s.polarities(), h, w}
                : new int[] {slices.length, s.polarities(), w};
        return new Frames(shape, counts, false);
    }

    /**
     * The slices tonic's slicer computes for {@code ev}: pairs {@code [start, end)} of event indices (end may
     * exceed the number of events, as a Python slice may). Empty input is not sliced (tonic does not either).
     */
    public int[][] slices(Events ev) {
        int n = ev.size();
        if (n == 0) {
            throw new IllegalArgumentException("no events to slice");
        }
        switch (mode) {
            case TIME_WINDOW -> {
                ev.requireSorted("ToFrame(time_window)");
                double tw = value;
                double stride = tw - overlap;
                double start = startTime != null ? startTime : (double) ev.t(0);
                double end = endTime != null ? endTime : (double) ev.t(n - 1);
                double q = (end - start - tw) / stride;
                long count = (long) (includeIncomplete ? Math.ceil(q) + 1 : Math.floor(q) + 1);
                count = Math.max(count, 1);
                if (count > 1 << 24) {
                    throw new IllegalArgumentException("time window " + tw + " us over " + (end - start)
                            + " us gives " + count + " frames: more than 2^24");
                }
                int[][] r = new int[(int) count][];
                for (int i = 0; i < count; i++) {
                    double ws = i * stride + start;
                    r[i] = new int[] {searchSorted(ev, ws), searchSorted(ev, ws + tw)};
                }
                return r;
            }
            case EVENT_COUNT -> {
                int ec = (int) value;
                int eventCount = Math.min(ec, n);
                double stride = ec - overlap;
                double q = (n - eventCount) / stride;
                long count = (long) (includeIncomplete ? Math.ceil(q) + 1 : Math.floor(q) + 1);
                int[][] r = new int[(int) count][];
                for (int i = 0; i < count; i++) {
                    int st = (int) (i * stride);
                    r[i] = new int[] {st, st + eventCount};
                }
                return r;
            }
            case TIME_BINS -> {
                ev.requireSorted("ToFrame(n_time_bins)");
                int bins = (int) value;
                long dur = ev.t(n - 1) - ev.t(0);
                double window = Math.floorDiv(dur, (long) bins) * (1 + overlap);
                double stride = window * (1 - overlap);
                double t0 = ev.t(0);
                int[][] r = new int[bins][];
                for (int i = 0; i < bins; i++) {
                    double ws = i * stride + t0;
                    r[i] = new int[] {searchSorted(ev, ws), searchSorted(ev, ws + window)};
                }
                return r;
            }
            default -> {
                int bins = (int) value;
                int spikeCount = (int) ((n / bins) * (1 + overlap));
                int stride = (int) (spikeCount * (1 - overlap));
                int[][] r = new int[bins][];
                for (int i = 0; i < bins; i++) {
                    r[i] = new int[] {i * stride, i * stride + spikeCount};
                }
                return r;
            }
        }
    }

    /** NumPy's searchsorted(t, v, 'left') with the int64 timestamps compared as float64, as NumPy does. */
    private static int searchSorted(Events ev, double v) {
        long[] t = ev.tArray();
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((double) t[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "ToFrame(" + mode.name().toLowerCase(java.util.Locale.ROOT) + "=" + value + ", overlap=" + overlap
                + ", include_incomplete=" + includeIncomplete + (sensor != null ? ", sensor=" + sensor : "") + ")"
                + (startTime != null || endTime != null ? Arrays.toString(new Double[] {startTime, endTime}) : "");
    }
}
