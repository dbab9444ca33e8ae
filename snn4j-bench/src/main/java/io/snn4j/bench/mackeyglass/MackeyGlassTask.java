package io.snn4j.bench.mackeyglass;

import java.util.Arrays;

/**
 * NeuroBench's Mackey-Glass prediction task ({@code neurobench/datasets/mackey_glass.py} and the example scripts):
 * the series, its split and how a model is scored.
 *
 * <p><b>Series.</b> NeuroBench's benchmark reads its series from a file, {@code mg_<tau>.npy}: one long series
 * {@code x(t0 + i * lyapTime / ptsPerLyapTime)} from {@code t0 = tau} (where jitcdde's
 * {@code step_on_discontinuities} leaves the solver), every 197/75 time units ({@code mg_17.npy} starts 1.26677773,
 * 1.30340078, 1.28230454, which our integration reproduces to 1e-12). Repeat {@code k} takes its
 * {@code seriesPoints} = 1501 points from {@link #startOffsetPoints(int) int(k * 37.5)} on ({@code load_data}).
 * {@link #series} builds exactly that from our solution. ({@code generate_data}, which would sample
 * {@code linspace(t0 + offset, t0 + offset + maxTime, 1501)}, is unreachable in NeuroBench: its class tests
 * {@code os.path.exists(path) is not None}, always true.) {@code maxTime = (trainLyap + testLyap) lyapTime +
 * lyapTime / ptsPerLyapTime} bounds how far the equation is solved.
 *
 * <p><b>Split.</b> Points 0..749 are the training inputs (targets 1..750, teacher forcing); points 750..1499 are
 * the test inputs, of which a model sees only the first (point 750) and then its own predictions; its 750
 * predictions are scored against points 751..1500 with {@link Smape}.
 *
 * @param equation       the equation
 * @param lyapTime       Lyapunov time in time units (NeuroBench uses 197, the value for tau = 17, for every tau)
 * @param ptsPerLyapTime points per Lyapunov time (75)
 * @param trainLyap      training length in Lyapunov times (10)
 * @param testLyap       test length in Lyapunov times (10)
 */
public record MackeyGlassTask(MackeyGlassEquation equation, double lyapTime, int ptsPerLyapTime, double trainLyap,
                              double testLyap) {

    public static final double LYAP_TIME = 197;
    public static final int PTS_PER_LYAP_TIME = 75;
    public static final double TRAIN_LYAP = 10;
    public static final double TEST_LYAP = 10;
    /** Repeats in NeuroBench's scripts. */
    public static final int REPEATS = 30;

    public MackeyGlassTask {
        if (equation == null) {
            throw new IllegalArgumentException("equation is required");
        }
        if (!(lyapTime > 0) || Double.isInfinite(lyapTime)) {
            throw new IllegalArgumentException("Lyapunov time must be a finite number > 0, got " + lyapTime);
        }
        if (ptsPerLyapTime < 1) {
            throw new IllegalArgumentException("points per Lyapunov time must be >= 1, got " + ptsPerLyapTime);
        }
        if (!(trainLyap > 0) || !(testLyap > 0) || trainLyap * ptsPerLyapTime > 1e7
                || testLyap * ptsPerLyapTime > 1e7) {
            throw new IllegalArgumentException("train and test lengths must be > 0 Lyapunov times (and at most 1e7 "
                    + "points), got " + trainLyap + " and " + testLyap);
        }
    }

    /** NeuroBench's task for this delay. */
    public static MackeyGlassTask neuroBench(double tau) {
        return new MackeyGlassTask(MackeyGlassEquation.neuroBench(tau), LYAP_TIME, PTS_PER_LYAP_TIME, TRAIN_LYAP,
                TEST_LYAP);
    }

    /** Training points (750). */
    public int trainPoints() {
        return (int) Math.round(trainLyap * ptsPerLyapTime);
    }

    /** Test points (750). */
    public int testPoints() {
        return (int) Math.round(testLyap * ptsPerLyapTime);
    }

    /** Points of one series, train + test + 1 (1501). */
    public int seriesPoints() {
        return trainPoints() + testPoints() + 1;
    }

    /** Time span of one series, time units. */
    public double maxTime() {
        return (trainLyap + testLyap) * lyapTime + lyapTime / ptsPerLyapTime;
    }

    /**
     * Time between two samples: {@code lyapTime / ptsPerLyapTime} (197/75), the grid of NeuroBench's series files
     * ({@code mg_17.npy} holds {@code x(17 + i 197/75)}), which its benchmark slices per repeat. (NeuroBench's
     * {@code generate_data} would sample every {@code maxTime / 1500} instead, but its {@code MackeyGlass} class
     * never calls it: {@code os.path.exists(path) is not None} is always true, so it always loads the file.)
     */
    public double sampleStep() {
        return lyapTime / ptsPerLyapTime;
    }

    /** The solver's time once the initial discontinuity is handled: tau. */
    public double startTime() {
        return equation.tau();
    }

    /**
     * The start offset of repeat {@code repeat} in points: {@code int(repeat * 0.5 * ptsPerLyapTime)}, half a
     * Lyapunov time per repeat, truncated as NeuroBench's {@code int(start_offset)}.
     */
    public int startOffsetPoints(int repeat) {
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be >= 0, got " + repeat);
        }
        return (int) (repeat * 0.5 * ptsPerLyapTime);
    }

    /** The time of the first sample of repeat {@code repeat}. */
    public double firstSampleTime(int repeat) {
        return startTime() + startOffsetPoints(repeat) * lyapTime / ptsPerLyapTime;
    }

    /** Solves the equation far enough for {@code repeats} repeats, with {@link Rk4DelaySolver}'s default step. */
    public DelaySolution solve(int repeats) {
        return solve(repeats, Rk4DelaySolver.DEFAULT_MAX_STEP);
    }

    /** Solves the equation far enough for {@code repeats} repeats with steps of at most {@code maxStep}. */
    public DelaySolution solve(int repeats, double maxStep) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        return Rk4DelaySolver.solve(equation, firstSampleTime(repeats - 1) + maxTime(), maxStep);
    }

    /**
     * The {@link #seriesPoints()} samples of repeat {@code repeat} from a solution that covers them: points
     * {@code startOffsetPoints(repeat)} to {@code startOffsetPoints(repeat) + seriesPoints() - 1} of
     * {@link #fileSeries}, as NeuroBench's {@code load_data} slices its file.
     */
    public double[] series(DelaySolution solution, int repeat) {
        int off = startOffsetPoints(repeat);
        double[] s = new double[seriesPoints()];
        for (int i = 0; i < s.length; i++) {
            s[i] = solution.valueAt(startTime() + (off + i) * sampleStep());
        }
        return s;
    }

    /**
     * The series in NeuroBench's file layout: {@code x(startTime() + i sampleStep())} for {@code i < points}
     * ({@code mg_17.npy} has 3,751 such points).
     */
    public double[] fileSeries(DelaySolution solution, int points) {
        double[] s = new double[points];
        for (int i = 0; i < points; i++) {
            s[i] = solution.valueAt(startTime() + i * sampleStep());
        }
        return s;
    }

    /**
     * Trains {@code model} on the first {@link #trainPoints()} points of {@code series} (one-step targets) and
     * scores its autonomous prediction of the next {@link #testPoints()} points.
     *
     * @param series {@link #seriesPoints()} values
     * @return the test predictions and their sMAPE
     */
    public Evaluation evaluate(MackeyGlassModel model, double[] series) {
        int tr = trainPoints();
        int te = testPoints();
        if (series.length != seriesPoints()) {
            throw new IllegalArgumentException("series must have " + seriesPoints() + " points, got " + series.length);
        }
        double[] trainIn = Arrays.copyOfRange(series, 0, tr);
        double[] trainTarget = Arrays.copyOfRange(series, 1, tr + 1);
        model.fit(trainIn, trainTarget);
        double[] pred = model.predict(series[tr], te);
        if (pred.length != te) {
            throw new IllegalStateException(model.description() + " returned " + pred.length + " predictions, expected "
                    + te);
        }
        double[] target = Arrays.copyOfRange(series, tr + 1, tr + te + 1);
        return new Evaluation(pred, target, Smape.of(pred, target));
    }

    /**
     * One repeat's outcome.
     *
     * @param predictions the model's autonomous predictions of test points 751..1500
     * @param targets     the true values
     * @param smape       {@link Smape#of} of the two
     */
    public record Evaluation(double[] predictions, double[] targets, double smape) {
    }
}
