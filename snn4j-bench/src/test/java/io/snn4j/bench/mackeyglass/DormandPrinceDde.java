package io.snn4j.bench.mackeyglass;

import java.util.Arrays;

/**
 * An independent second integrator for the tests: adaptive Dormand-Prince 5(4) (Hairer's DOPRI5 tableau,
 * local extrapolation, error per step {@code |y5 - y4| <= atol + rtol max(|y0|, |y1|)}) with Hairer's
 * fourth-order continuous extension as dense output, which also supplies the delayed values
 * {@code x(t - tau)}. Steps are cut to land on the propagated discontinuities {@code k tau} and are at most
 * {@code tau / 2}, so the delayed time of every stage lies in an accepted step or in the constant history.
 * It shares nothing with {@link Rk4DelaySolver} but the equation.
 */
final class DormandPrinceDde {
    private static final double C2 = 1.0 / 5;
    private static final double C3 = 3.0 / 10;
    private static final double C4 = 4.0 / 5;
    private static final double C5 = 8.0 / 9;
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40;
    private static final double A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45;
    private static final double A42 = -56.0 / 15;
    private static final double A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561;
    private static final double A52 = -25360.0 / 2187;
    private static final double A53 = 64448.0 / 6561;
    private static final double A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168;
    private static final double A62 = -355.0 / 33;
    private static final double A63 = 46732.0 / 5247;
    private static final double A64 = 49.0 / 176;
    private static final double A65 = -5103.0 / 18656;
    private static final double B1 = 35.0 / 384;
    private static final double B3 = 500.0 / 1113;
    private static final double B4 = 125.0 / 192;
    private static final double B5 = -2187.0 / 6784;
    private static final double B6 = 11.0 / 84;
    // y5 - y4 weights (b - b*)
    private static final double E1 = 71.0 / 57600;
    private static final double E3 = -71.0 / 16695;
    private static final double E4 = 71.0 / 1920;
    private static final double E5 = -17253.0 / 339200;
    private static final double E6 = 22.0 / 525;
    private static final double E7 = -1.0 / 40;
    // Dense output
    private static final double D1 = -12715105075.0 / 11282082432.0;
    private static final double D3 = 87487479700.0 / 32700410799.0;
    private static final double D4 = -10690763975.0 / 1880347072.0;
    private static final double D5 = 701980252875.0 / 199316789632.0;
    private static final double D6 = -1453857185.0 / 822651844.0;
    private static final double D7 = 69997945.0 / 29380423.0;

    private final MackeyGlassEquation eq;
    private double[] ts = new double[1024];
    private double[] hs = new double[1024];
    private double[][] r = new double[5][1024];
    private int count;
    private int accepted;
    private int rejected;

    private DormandPrinceDde(MackeyGlassEquation eq) {
        this.eq = eq;
    }

    /** Solves from 0 to {@code endTime}. */
    static DormandPrinceDde solve(MackeyGlassEquation eq, double endTime, double rtol, double atol) {
        DormandPrinceDde s = new DormandPrinceDde(eq);
        s.run(endTime, rtol, atol);
        return s;
    }

    int acceptedSteps() {
        return accepted;
    }

    int rejectedSteps() {
        return rejected;
    }

    double endTime() {
        return ts[count - 1] + hs[count - 1];
    }

    /** The solution at {@code t} (history for t <= 0), from the dense output of the step that holds t. */
    double valueAt(double t) {
        if (t <= 0) {
            return eq.constantPast();
        }
        int i = Arrays.binarySearch(ts, 0, count, t);
        if (i < 0) {
            i = -i - 2;
        }
        i = Math.max(0, Math.min(i, count - 1));
        double th = (t - ts[i]) / hs[i];
        double th1 = 1 - th;
        return r[0][i] + th * (r[1][i] + th1 * (r[2][i] + th * (r[3][i] + th1 * r[4][i])));
    }

    private double f(double t, double x) {
        return eq.rhs(x, valueAt(t - eq.tau()));
    }

    private void run(double endTime, double rtol, double atol) {
        double tau = eq.tau();
        double maxStep = tau / 2;
        double t = 0;
        double y = eq.constantPast();
        double h = Math.min(1e-3, maxStep);
        int nextBreak = 1;
        while (t < endTime) {
            double bp = nextBreak * tau;
            boolean toBreak = false;
            double hh = Math.min(h, maxStep);
            if (t + hh >= bp - 1e-12 * tau) {
                hh = bp - t;
                toBreak = true;
            }
            if (t + hh > endTime) {
                hh = endTime - t;
                toBreak = false;
            }
            double k1 = f(t, y);
            double k2 = f(t + C2 * hh, y + hh * A21 * k1);
            double k3 = f(t + C3 * hh, y + hh * (A31 * k1 + A32 * k2));
            double k4 = f(t + C4 * hh, y + hh * (A41 * k1 + A42 * k2 + A43 * k3));
            double k5 = f(t + C5 * hh, y + hh * (A51 * k1 + A52 * k2 + A53 * k3 + A54 * k4));
            double k6 = f(t + hh, y + hh * (A61 * k1 + A62 * k2 + A63 * k3 + A64 * k4 + A65 * k5));
            double y1 = y + hh * (B1 * k1 + B3 * k3 + B4 * k4 + B5 * k5 + B6 * k6);
            double k7 = f(t + hh, y1);
            double err = Math.abs(hh * (E1 * k1 + E3 * k3 + E4 * k4 + E5 * k5 + E6 * k6 + E7 * k7))
                    / (atol + rtol * Math.max(Math.abs(y), Math.abs(y1)));
            double fac = err == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
            if (err <= 1) {
                store(t, hh, y, y1, k1, k3, k4, k5, k6, k7);
                accepted++;
                t = toBreak ? bp : t + hh;
                if (toBreak) {
                    nextBreak++;
                }
                y = y1;
                h = hh * fac;
            } else {
                rejected++;
                h = hh * Math.min(1, fac);
            }
            if (h < 1e-14 * Math.max(1, t)) {
                throw new ArithmeticException("step size underflow at t = " + t);
            }
        }
    }

    private void store(double t, double h, double y0, double y1, double k1, double k3, double k4, double k5,
                       double k6, double k7) {
        if (count == ts.length) {
            int cap = count * 2;
            ts = Arrays.copyOf(ts, cap);
            hs = Arrays.copyOf(hs, cap);
            for (int i = 0; i < 5; i++) {
                r[i] = Arrays.copyOf(r[i], cap);
            }
        }
        double dy = y1 - y0;
        double bspl = h * k1 - dy;
        r[0][count] = y0;
        r[1][count] = dy;
        r[2][count] = bspl;
        r[3][count] = dy - h * k7 - bspl;
        r[4][count] = h * (D1 * k1 + D3 * k3 + D4 * k4 + D5 * k5 + D6 * k6 + D7 * k7);
        ts[count] = t;
        hs[count] = h;
        count++;
    }
}
