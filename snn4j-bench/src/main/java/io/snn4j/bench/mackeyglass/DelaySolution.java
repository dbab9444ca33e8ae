package io.snn4j.bench.mackeyglass;

/**
 * A solution of {@link MackeyGlassEquation} on a uniform grid {@code t_i = i h}, i = 0 .. {@link #points()} - 1,
 * with the value and the derivative stored at every grid point, so that {@link #valueAt} interpolates it by
 * piecewise cubic Hermite polynomials (fourth-order accurate, like the RK4 steps that made it). Before {@code t = 0}
 * the value is the constant history. Made by {@link Rk4DelaySolver}.
 */
public final class DelaySolution {
    private final MackeyGlassEquation equation;
    private final double h;
    private final double[] x;
    private final double[] dx;

    DelaySolution(MackeyGlassEquation equation, double h, double[] x, double[] dx) {
        this.equation = equation;
        this.h = h;
        this.x = x;
        this.dx = dx;
    }

    public MackeyGlassEquation equation() {
        return equation;
    }

    /** The grid step (time units). */
    public double step() {
        return h;
    }

    /** Number of grid points, including t = 0. */
    public int points() {
        return x.length;
    }

    /** Last time covered, (points - 1) h. */
    public double endTime() {
        return (x.length - 1) * h;
    }

    /** The value at grid point {@code i} (time {@code i h}). */
    public double valueAtPoint(int i) {
        return x[i];
    }

    /**
     * The solution at time {@code t}: the constant history for {@code t <= 0}, else cubic Hermite interpolation
     * between the two grid points around {@code t} (using the right derivative at t = 0).
     *
     * @throws IllegalArgumentException if {@code t} is beyond {@link #endTime()} or not a number
     */
    public double valueAt(double t) {
        if (!(t <= endTime() * (1 + 1e-15))) {
            throw new IllegalArgumentException("time " + t + " is outside the solution, which ends at " + endTime());
        }
        if (t <= 0) {
            return equation.constantPast();
        }
        double s = t / h;
        int j = (int) Math.floor(s);
        if (j >= x.length - 1) {
            j = x.length - 2;
        }
        return hermite(j, s - j);
    }

    /** Cubic Hermite interpolation on [t_j, t_j+1] at fraction {@code u} in [0, 1]. */
    double hermite(int j, double u) {
        double u2 = u * u;
        double u3 = u2 * u;
        double h00 = 2 * u3 - 3 * u2 + 1;
        double h10 = u3 - 2 * u2 + u;
        double h01 = -2 * u3 + 3 * u2;
        double h11 = u3 - u2;
        return h00 * x[j] + h10 * h * dx[j] + h01 * x[j + 1] + h11 * h * dx[j + 1];
    }
}
