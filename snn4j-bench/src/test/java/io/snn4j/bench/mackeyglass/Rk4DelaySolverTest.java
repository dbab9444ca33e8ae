package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Rk4DelaySolverTest {
    private static final MackeyGlassEquation MG17 = MackeyGlassEquation.neuroBench(17);

    /** On [0, tau] the delayed value is the constant past c0, so x' = beta c0/(1 + c0^n) - gamma x: an exponential. */
    private static double firstInterval(MackeyGlassEquation eq, double t) {
        double c0 = eq.constantPast();
        double inflow = eq.beta() * c0 / (1 + Math.pow(c0, eq.n()));
        double xInf = inflow / eq.gamma();
        return xInf + (c0 - xInf) * Math.exp(-eq.gamma() * t);
    }

    @Test
    void theFirstDelayIntervalMatchesTheClosedFormOnAndBetweenGridPoints() {
        DelaySolution s = Rk4DelaySolver.solve(MG17, 40);
        double worst = 0;
        for (double t = 0; t <= 17; t += 0.0137) {
            worst = Math.max(worst, Math.abs(s.valueAt(t) - firstInterval(MG17, t)));
        }
        assertTrue(worst < 1e-13, "max error " + worst);
        assertEquals(MG17.constantPast(), s.valueAt(-3.5), 0);
    }

    @Test
    void theStepDividesTauSoThatEveryMultipleOfTauIsAGridPoint() {
        DelaySolution s = Rk4DelaySolver.solve(MackeyGlassEquation.neuroBench(17.3), 100);
        assertEquals(17.3 / 1730, s.step(), 1e-18);
        assertEquals(17.3 * 3, 5190 * s.step(), 1e-12);
        assertTrue(s.endTime() >= 100 && s.endTime() < 100 + s.step() + 1e-9);
    }

    @Test
    void aConstantPastAtTheFixedPointStaysThere() {
        // beta / (1 + x^n) = gamma at x = (beta / gamma - 1)^(1/n) = 1
        DelaySolution s = Rk4DelaySolver.solve(new MackeyGlassEquation(0.2, 0.1, 10, 17, 1.0), 500);
        for (double t = 0; t <= 500; t += 7.1) {
            assertEquals(1.0, s.valueAt(t), 1e-14);
        }
    }

    @Test
    void theErrorShrinksSixteenfoldWhenTheStepHalves() {
        DelaySolution h1 = Rk4DelaySolver.solve(MG17, 300, 0.04);
        DelaySolution h2 = Rk4DelaySolver.solve(MG17, 300, 0.02);
        DelaySolution h3 = Rk4DelaySolver.solve(MG17, 300, 0.01);
        double d12 = 0;
        double d23 = 0;
        for (double t = 0; t <= 300; t += 0.37) {
            d12 = Math.max(d12, Math.abs(h1.valueAt(t) - h2.valueAt(t)));
            d23 = Math.max(d23, Math.abs(h2.valueAt(t) - h3.valueAt(t)));
        }
        double ratio = d12 / d23;
        assertTrue(ratio > 12 && ratio < 20, "ratio " + ratio + " (" + d12 + " / " + d23 + ")");
    }

    /**
     * The second, independent integration (adaptive Dormand-Prince 5(4), tolerance 1e-12, its own dense output for
     * the delayed values) agrees with RK4 at step 0.01 to 1e-9 over the first two Lyapunov times (t <= 400), for the
     * smallest and largest NeuroBench delay. Beyond that chaos amplifies the ~1e-10 differences by e every ~197 time
     * units (4e-4 at t = 3200, O(1) by t = 7000), so the whole run is compared by its statistics.
     */
    @Test
    void dormandPrinceAgreesToOneInABillionOverTheFirstTwoLyapunovTimes() {
        for (double tau : new double[] {17, 30}) {
            MackeyGlassEquation eq = MackeyGlassEquation.neuroBench(tau);
            DelaySolution rk4 = Rk4DelaySolver.solve(eq, 400);
            DormandPrinceDde dp = DormandPrinceDde.solve(eq, 400, 1e-12, 1e-12);
            double worst = 0;
            for (double t = 0; t <= 400; t += 0.0731) {
                worst = Math.max(worst, Math.abs(rk4.valueAt(t) - dp.valueAt(t)));
            }
            assertTrue(worst < 1e-9, "tau " + tau + ": max difference " + worst);
        }
    }

    @Test
    void dormandPrinceDenseOutputMatchesTheClosedFormOnTheFirstInterval() {
        DormandPrinceDde dp = DormandPrinceDde.solve(MG17, 17, 1e-12, 1e-12);
        double worst = 0;
        for (double t = 0; t <= 17; t += 0.0137) {
            worst = Math.max(worst, Math.abs(dp.valueAt(t) - firstInterval(MG17, t)));
        }
        assertTrue(worst < 1e-11, "max error " + worst);
    }

    @Test
    void bothIntegrationsHaveTheSameAttractorStatisticsOverAWholeThirtyRepeatRun() {
        for (double tau : new double[] {17, 30}) {
            MackeyGlassEquation eq = MackeyGlassEquation.neuroBench(tau);
            MackeyGlassTask task = MackeyGlassTask.neuroBench(tau);
            double end = task.firstSampleTime(29) + task.maxTime();
            DelaySolution rk4 = Rk4DelaySolver.solve(eq, end);
            DormandPrinceDde dp = DormandPrinceDde.solve(eq, end, 1e-10, 1e-10);
            double[] a = stats(rk4::valueAt, end);
            double[] b = stats(dp::valueAt, end);
            // two different trajectories on one attractor, ~35 Lyapunov times each: finite-sample statistics
            // (measured: mean 0.1 % / 0.6 %, std 0.2 % / 2.7 % apart for tau 17 / 30)
            assertEquals(a[0], b[0], 0.02 * a[0], "tau " + tau + " mean");
            assertEquals(a[1], b[1], 0.05 * a[1], "tau " + tau + " std");
            assertEquals(a[2], b[2], 0.03, "tau " + tau + " min");
            assertEquals(a[3], b[3], 0.03, "tau " + tau + " max");
        }
        double[] s17 = stats(Rk4DelaySolver.solve(MG17, 7000)::valueAt, 7000);
        // the familiar tau = 17 attractor: x between about 0.42 and 1.32, mean 0.93
        assertEquals(0.93, s17[0], 0.01);
        assertEquals(0.226, s17[1], 0.005);
        assertEquals(0.418, s17[2], 0.01);
        assertEquals(1.319, s17[3], 0.01);
    }

    /** mean, std, min, max of x(t) for t in [200, end] on a 0.5 grid (the transient before 200 left out). */
    private static double[] stats(java.util.function.DoubleUnaryOperator x, double end) {
        double sum = 0;
        double sq = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double t = 200; t <= end; t += 0.5) {
            double v = x.applyAsDouble(t);
            sum += v;
            sq += v * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            n++;
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(sq / n - mean * mean), min, max};
    }

    @Test
    void badParametersAreRejectedNamingTheParameter() {
        assertEquals("tau must be a finite number > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> MackeyGlassEquation.neuroBench(0)).getMessage());
        assertEquals("tau must be a finite number > 0, got -17.0",
                assertThrows(IllegalArgumentException.class, () -> MackeyGlassEquation.neuroBench(-17)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MackeyGlassEquation.neuroBench(Double.NaN))
                .getMessage().startsWith("tau must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MackeyGlassEquation(0.2, 0.1, 10, 17, 0))
                .getMessage().startsWith("the constant past must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rk4DelaySolver.solve(MG17, 10, 0))
                .getMessage().startsWith("step must be"));
        DelaySolution s = Rk4DelaySolver.solve(MG17, 10);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.valueAt(11)).getMessage()
                .contains("outside the solution"));
    }
}
