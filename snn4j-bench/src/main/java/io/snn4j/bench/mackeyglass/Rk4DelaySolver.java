package io.snn4j.bench.mackeyglass;

/**
 * Integrates {@link MackeyGlassEquation} with the classical fourth-order Runge-Kutta method at a fixed step
 * {@code h = tau / m} that divides the delay ({@code m = ceil(tau / maxStep)}, float64 throughout).
 *
 * <p>Because {@code h} divides {@code tau}, the delayed times {@code t_i - tau} and {@code t_i + h - tau} of the
 * first and last stages fall on grid points whose values are already known; only the midpoint stages need
 * {@code x(t_i + h/2 - tau)}, which is taken from the cubic Hermite interpolant of the stored solution on one grid
 * interval (values and derivatives at both ends), fourth-order accurate like RK4 itself. Delayed times
 * {@code <= 0} use the constant history exactly.
 *
 * <p>The discontinuity at t = 0: the history's derivative is 0 but the solution's right derivative is
 * {@code rhs(x(0), x(-tau))}, so x' jumps at 0, x'' at tau, x''' at 2 tau, ... Every one of these times is a grid
 * point, so no RK4 step and no interpolation interval straddles a jump; the interpolant on [0, h] uses the right
 * derivative at 0. The global error is O(h^4): about 1e-10 at the default step 0.01 over the first few hundred
 * time units (see the tests).
 */
public final class Rk4DelaySolver {
    /** Default largest step, time units. */
    public static final double DEFAULT_MAX_STEP = 0.01;

    private Rk4DelaySolver() {
    }

    /** Solves from 0 to at least {@code endTime} with the default step. */
    public static DelaySolution solve(MackeyGlassEquation eq, double endTime) {
        return solve(eq, endTime, DEFAULT_MAX_STEP);
    }

    /**
     * Solves from 0 to at least {@code endTime} (a whole number of steps) with {@code h = tau / ceil(tau / maxStep)}.
     *
     * @param endTime last time needed, >= 0
     * @param maxStep largest allowed step, > 0
     */
    public static DelaySolution solve(MackeyGlassEquation eq, double endTime, double maxStep) {
        if (!(endTime >= 0) || Double.isInfinite(endTime)) {
            throw new IllegalArgumentException("end time must be a finite number >= 0, got " + endTime);
        }
        if (!(maxStep > 0) || Double.isInfinite(maxStep)) {
            throw new IllegalArgumentException("step must be a finite number > 0, got " + maxStep);
        }
        double tauSteps = Math.ceil(eq.tau() / maxStep);
        if (tauSteps > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("step " + maxStep + " is too small for tau " + eq.tau());
        }
        int m = (int) tauSteps;
        double h = eq.tau() / m;
        double nSteps = Math.ceil(endTime / h - 1e-9);
        if (nSteps + 1 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("end time " + endTime + " needs too many steps of " + h);
        }
        int steps = (int) Math.max(nSteps, 0);
        double[] x = new double[steps + 1];
        double[] dx = new double[steps + 1];
        double past = eq.constantPast();
        x[0] = past;
        DelaySolution partial = new DelaySolution(eq, h, x, dx);
        for (int i = 0; i < steps; i++) {
            int j = i - m; // grid index of t_i - tau
            double xi = x[i];
            double k1 = eq.rhs(xi, j < 0 ? past : x[j]);
            dx[i] = k1; // stored first: with m = 1 the interpolation below needs it
            double dHalf = j < 0 ? past : partial.hermite(j, 0.5);
            double d1 = j + 1 < 0 ? past : x[j + 1];
            double k2 = eq.rhs(xi + 0.5 * h * k1, dHalf);
            double k3 = eq.rhs(xi + 0.5 * h * k2, dHalf);
            double k4 = eq.rhs(xi + h * k3, d1);
            x[i + 1] = xi + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        int last = steps;
        int j = last - m;
        dx[last] = eq.rhs(x[last], j < 0 ? past : x[j]);
        return partial;
    }
}
