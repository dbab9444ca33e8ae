package io.snn4j.data.events;

import io.snn4j.core.Rng;
import io.snn4j.data.io.NdArray;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * tonic's event transforms (tonic/transforms.py and tonic/functional/*.py) with tonic's semantics, quirks
 * included; each returns new events and leaves its input alone. See docs/data.md for the quirks.
 *
 * <p>The random ones ({@link #dropEvent}, {@link #timeJitter}, {@link #spatialJitter}) draw from an
 * {@link Rng}: they follow tonic's definitions, but cannot reproduce NumPy's random streams, so they match tonic
 * in distribution, not bit for bit.
 */
public final class Transforms {
    private Transforms() {
    }

    // ---- deterministic ----

    /**
     * tonic's {@code Downsample(time_factor, spatial_factor)}: {@code t * time_factor}, {@code x * fx},
     * {@code y * fy}, each truncated towards zero (NumPy's cast of the float result back into the int fields).
     * No event is dropped. The result's sensor size is the one that holds the scaled coordinates,
     * {@code int((W - 1) * fx) + 1} by {@code int((H - 1) * fy) + 1}.
     */
    public static Events downsample(Events ev, double timeFactor, double fx, double fy) {
        if (!(fx > 0) || !(fy > 0) || !(timeFactor > 0) || Double.isInfinite(fx) || Double.isInfinite(fy)
                || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("downsample factors must be positive and finite: time " + timeFactor
                    + ", x " + fx + ", y " + fy);
        }
        SensorSize s = ev.sensorSize();
        SensorSize out = new SensorSize((int) ((s.width() - 1) * fx) + 1, (int) ((s.height() - 1) * fy) + 1,
                s.polarities());
        return scale(ev, timeFactor, fx, fy, out);
    }

    /**
     * tonic's {@code Downsample(sensor_size, target_size)}: the spatial factors are {@code target / sensor}
     * (width and height separately); the result is on {@code (targetW, targetH, P)}.
     */
    public static Events downsampleTo(Events ev, double timeFactor, int targetWidth, int targetHeight) {
        SensorSize s = ev.sensorSize();
        if (targetWidth < 1 || targetHeight < 1) {
            throw new IllegalArgumentException("target size must be at least 1 x 1, got " + targetWidth + " x "
                    + targetHeight);
        }
        if (!(timeFactor > 0) || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("time factor must be positive and finite, got " + timeFactor);
        }
        double fx = (double) targetWidth / s.width();
        double fy = (double) targetHeight / s.height();
        return scale(ev, timeFactor, fx, fy, new SensorSize(targetWidth, targetHeight, s.polarities()));
    }

    private static Events scale(Events ev, double tf, double fx, double fy, SensorSize out) {
        int n = ev.size();
        long[] t = new long[n];
        short[] x = new short[n];
        short[] y = new short[n];
        long[] t0 = ev.tArray();
        short[] x0 = ev.xArray();
        short[] y0 = ev.yArray();
        for (int i = 0; i < n; i++) {
            t[i] = tf == 1.0 ? t0[i] : (long) (t0[i] * tf);
            x[i] = (short) (long) (x0[i] * fx);
            y[i] = (short) (long) (y0[i] * fy);
        }
        return ev.withArrays(t, x, y, ev.pArray().clone(), out);
    }

    /**
     * tonic's {@code Denoise(filter_time)}: an event is kept when one of its four neighbours (left, right, up,
     * down; not itself, not diagonals) had an event less than {@code filterTime} before it. tonic's quirks: the
     * grid is as large as the largest x and y in the data (not the sensor), so pixels on that edge have fewer
     * neighbours; every pixel starts with the value {@code filterTime}, so during the first {@code filterTime}
     * microseconds any event with an in-grid neighbour is kept. Empty input gives empty output (tonic raises).
     */
    public static Events denoise(Events ev, double filterTime) {
        int n = ev.size();
        if (n == 0) {
            return ev;
        }
        Grid g = Grid.of(ev, filterTime);
        short[] xs = ev.xArray();
        short[] ys = ev.yArray();
        long[] ts = ev.tArray();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            int x = xs[i];
            int y = ys[i];
            long t = ts[i];
            g.set(x, y, t + filterTime);
            keep[i] = (x > 0 && g.get(x - 1, y) > t) || (x < g.width - 1 && g.get(x + 1, y) > t)
                    || (y > 0 && g.get(x, y - 1) > t) || (y < g.height - 1 && g.get(x, y + 1) > t);
        }
        return ev.filter(keep);
    }

    /**
     * tonic's {@code RefractoryPeriod(delta)}: an event is kept when more than {@code delta} microseconds have
     * passed since the previous event at its pixel ({@code t - last > delta}). tonic's quirks: the previous event
     * counts even when it was dropped (so a burst keeps extending the dead time), and every pixel starts at
     * {@code -delta}, so an event at t = 0 is always dropped.
     */
    public static Events refractoryPeriod(Events ev, double delta) {
        int n = ev.size();
        if (n == 0) {
            return ev;
        }
        Grid g = Grid.of(ev, -delta);
        short[] xs = ev.xArray();
        short[] ys = ev.yArray();
        long[] ts = ev.tArray();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = ts[i] - g.get(xs[i], ys[i]) > delta;
            g.set(xs[i], ys[i], ts[i]);
        }
        return ev.filter(keep);
    }

    /**
     * tonic's {@code CropTime(min, max)}: the events with {@code min <= t <= max} (both ends included).
     * {@code max} null means the largest timestamp (tonic then stores it in the transform, so that later calls
     * reuse the first sample's maximum; not reproduced here).
     */
    public static Events cropTime(Events ev, long min, Long max) {
        int n = ev.size();
        long hi = Long.MIN_VALUE;
        if (max != null) {
            hi = max;
        } else {
            for (int i = 0; i < n; i++) {
                hi = Math.max(hi, ev.t(i));
            }
        }
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = ev.t(i) >= min && ev.t(i) <= hi;
        }
        return ev.filter(keep);
    }

    /**
     * tonic's {@code ToVoxelGrid(sensor_size, n_time_bins)} (Zhu et al. 2019): float64 {@code [n, 1, H, W]}; each
     * event adds its polarity (+1, or -1 for p = 0) split linearly between the two time bins around
     * {@code ts = n * (t - t_first) / (t_last - t_first)}. tonic's quirks: the last event ({@code ts = n}) adds
     * nothing, the sums run in event order (so the float64 results agree bit for bit). The sensor must have two
     * polarities. Where tonic fails (empty input: IndexError; all events at one time: division by zero), this
     * returns zeros and puts every event in bin 0 (weight 1).
     */
    public static NdArray toVoxelGrid(Events ev, int nTimeBins) {
        SensorSize s = ev.sensorSize();
        if (s.polarities() != 2) {
            throw new IllegalArgumentException("ToVoxelGrid needs a sensor with 2 polarities (tonic asserts it), "
                    + "got " + s);
        }
        if (nTimeBins < 1) {
            throw new IllegalArgumentException("number of time bins must be at least 1, got " + nTimeBins);
        }
        int w = s.width();
        int h = s.height();
        long size = (long) nTimeBins * w * h;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("voxel grid of " + size + " cells is too large");
        }
        double[] grid = new double[(int) size];
        int n = ev.size();
        if (n > 0) {
            ev.checkInsideSensor();
            long first = ev.t(0);
            double span = (double) (ev.t(n - 1) - first);
            // NumPy adds all left contributions (in event order), then all right ones: same order here, so
            // the float64 sums agree bit for bit
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < n; i++) {
                    double ts = span == 0 ? 0 : (nTimeBins * ((double) ev.t(i) - (double) first)) / span;
                    long ti = (long) ts;
                    double dt = ts - ti;
                    int pol = ev.p(i) == 0 ? -1 : ev.p(i);
                    int cell = ev.x(i) + ev.y(i) * w;
                    long bin = pass == 0 ? ti : ti + 1;
                    if (bin >= 0 && bin < nTimeBins) {
                        grid[cell + (int) bin * w * h] += pass == 0 ? pol * (1.0 - dt) : pol * dt;
                    }
                }
            }
        }
        return NdArray.ofDoubles(grid, nTimeBins, 1, h, w);
    }

    // ---- random ----

    /**
     * tonic's {@code DropEvent(p)}: drops {@code int(p * N + 0.5)} events chosen uniformly without replacement;
     * the rest keep their order.
     */
    public static Events dropEvent(Events ev, double p, Rng rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("drop probability must be in [0, 1], got " + p);
        }
        int n = ev.size();
        int drop = (int) (p * n + 0.5);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int k = 0; k < drop; k++) { // partial Fisher-Yates: idx[0..drop) are the dropped ones
            int j = k + rng.nextInt(n - k);
            int tmp = idx[k];
            idx[k] = idx[j];
            idx[j] = tmp;
        }
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        for (int k = 0; k < drop; k++) {
            keep[idx[k]] = false;
        }
        return ev.filter(keep);
    }

    /**
     * tonic's {@code TimeJitter(std, clip_negative=True, sort_timestamps=False)}: adds normal noise of standard
     * deviation {@code std} to each timestamp, truncated towards zero to whole microseconds (NumPy's cast into the
     * int64 field); drops events that end up before 0 when {@code clipNegative}; sorts by time when
     * {@code sort} (a stable sort; tonic's argsort is not stable, so ties may come out in another order).
     */
    public static Events timeJitter(Events ev, double std, boolean clipNegative, boolean sort, Rng rng) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("time jitter std must be finite and >= 0, got " + std);
        }
        int n = ev.size();
        long[] t = new long[n];
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            t[i] = (long) (ev.t(i) + std * rng.nextGaussian());
            keep[i] = !clipNegative || t[i] >= 0;
        }
        Events out = ev.withArrays(t, ev.xArray().clone(), ev.yArray().clone(), ev.pArray().clone(),
                ev.sensorSize()).filter(keep);
        return sort ? out.sortedByTime() : out;
    }

    /**
     * tonic's {@code SpatialJitter(sensor_size, var_x, var_y, sigma_xy, clip_outliers)}: adds to (x, y) a sample
     * of the normal distribution with covariance {@code [[var_x, sigma_xy], [sigma_xy, var_y]]}, truncated
     * towards zero (so -0.7 becomes 0, as NumPy's cast does); drops events that land outside the sensor when
     * {@code clipOutliers}. The covariance must be positive semi-definite.
     */
    public static Events spatialJitter(Events ev, double varX, double varY, double sigmaXY, boolean clipOutliers,
                                       Rng rng) {
        if (!(varX >= 0) || !(varY >= 0) || !Double.isFinite(varX) || !Double.isFinite(varY)
                || !Double.isFinite(sigmaXY) || sigmaXY * sigmaXY > varX * varY) {
            throw new IllegalArgumentException("spatial jitter covariance [[" + varX + ", " + sigmaXY + "], ["
                    + sigmaXY + ", " + varY + "]] is not a covariance (variances >= 0, sigma_xy^2 <= var_x * var_y)");
        }
        // Cholesky factor of the covariance: (a 0; b c)
        double a = Math.sqrt(varX);
        double b = a > 0 ? sigmaXY / a : 0;
        double c = Math.sqrt(Math.max(0, varY - b * b));
        int n = ev.size();
        short[] x = new short[n];
        short[] y = new short[n];
        boolean[] keep = new boolean[n];
        SensorSize s = ev.sensorSize();
        for (int i = 0; i < n; i++) {
            double z1 = rng.nextGaussian();
            double z2 = rng.nextGaussian();
            long nx = (long) (ev.x(i) + a * z1);
            long ny = (long) (ev.y(i) + b * z1 + c * z2);
            x[i] = (short) nx;
            y[i] = (short) ny;
            keep[i] = !clipOutliers || (nx >= 0 && nx < s.width() && ny >= 0 && ny < s.height());
        }
        return ev.withArrays(ev.tArray().clone(), x, y, ev.pArray().clone(), s).filter(keep);
    }

    // ---- a per-pixel memory of doubles: an array when the data's extent is small, a map otherwise ----

    private static final class Grid {
        final int width;
        final int height;
        private final double init;
        private final double[] cells;
        private final Map<Long, Double> sparse;

        private Grid(int width, int height, double init) {
            this.width = width;
            this.height = height;
            this.init = init;
            if ((long) width * height <= 1 << 24) {
                cells = new double[width * height];
                Arrays.fill(cells, init);
                sparse = null;
            } else {
                cells = null;
                sparse = new HashMap<>();
            }
        }

        static Grid of(Events ev, double init) {
            int mx = -1;
            int my = -1;
            for (int i = 0; i < ev.size(); i++) {
                if (ev.x(i) < 0 || ev.y(i) < 0) {
                    throw new IllegalArgumentException("event " + i + " has a negative coordinate (x=" + ev.x(i)
                            + ", y=" + ev.y(i) + ")");
                }
                mx = Math.max(mx, ev.x(i));
                my = Math.max(my, ev.y(i));
            }
            return new Grid(mx + 1, my + 1, init);
        }

        double get(int x, int y) {
            if (cells != null) {
                return cells[x * height + y];
            }
            Double v = sparse.get((long) x * height + y);
            return v == null ? init : v;
        }

        void set(int x, int y, double v) {
            if (cells != null) {
                cells[x * height + y] = v;
            } else {
                sparse.put((long) x * height + y, v);
            }
        }
    }
}
