package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MackeyGlassTaskTest {
    private static final MackeyGlassTask TASK = MackeyGlassTask.neuroBench(17);

    @Test
    void neuroBenchSizesAndSampling() {
        assertEquals(750, TASK.trainPoints());
        assertEquals(750, TASK.testPoints());
        assertEquals(1501, TASK.seriesPoints());
        assertEquals(20 * 197 + 197.0 / 75, TASK.maxTime(), 1e-12);
        assertEquals(2.6284178, TASK.sampleStep(), 1e-7);
        assertEquals(17, TASK.startTime(), 0);
    }

    @Test
    void repeatsStartHalfALyapunovTimeApartTruncatedToWholePoints() {
        int[] expected = {0, 37, 75, 112, 150};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], TASK.startOffsetPoints(k));
        }
        assertEquals(1087, TASK.startOffsetPoints(29));
        assertEquals(17 + 37 * 197.0 / 75, TASK.firstSampleTime(1), 1e-12);
    }

    @Test
    void linspaceFollowsTorchBothHalves() {
        double[] t = MackeyGlassTask.linspace(1, 2, 5);
        assertArrayEquals(new double[] {1, 1.25, 1.5, 1.75, 2}, t, 0);
        double[] u = MackeyGlassTask.linspace(17, 17 + TASK.maxTime(), 1501);
        assertEquals(17, u[0], 0);
        assertEquals(17 + TASK.maxTime(), u[1500], 0);
    }

    @Test
    void aSeriesIsTheSolutionAtTheSampleTimes() {
        DelaySolution sol = TASK.solve(3);
        assertTrue(sol.endTime() >= TASK.firstSampleTime(2) + TASK.maxTime());
        double[] s1 = TASK.series(sol, 1);
        assertEquals(1501, s1.length);
        assertEquals(sol.valueAt(17 + 37 * 197.0 / 75), s1[0], 0);
        assertEquals(sol.valueAt(17 + 37 * 197.0 / 75 + 10 * TASK.sampleStep()), s1[10], 1e-12);
    }

    /** A model that remembers what it was given and predicts "the input plus one". */
    private static final class Recorder implements MackeyGlassModel {
        double[] in;
        double[] target;
        double first;

        @Override
        public String description() {
            return "recorder";
        }

        @Override
        public void fit(double[] inputs, double[] targets) {
            in = inputs;
            target = targets;
        }

        @Override
        public double[] predict(double firstInput, int steps) {
            first = firstInput;
            double[] p = new double[steps];
            double u = firstInput;
            for (int i = 0; i < steps; i++) {
                p[i] = u + 1;
                u = p[i];
            }
            return p;
        }
    }

    @Test
    void trainingIsTeacherForcedAndTestingAutonomousFromTheFirstTestPoint() {
        double[] series = new double[1501];
        for (int i = 0; i < series.length; i++) {
            series[i] = i;
        }
        Recorder r = new Recorder();
        MackeyGlassTask.Evaluation e = TASK.evaluate(r, series);
        assertEquals(750, r.in.length);
        assertEquals(0, r.in[0]);
        assertEquals(749, r.in[749]);
        assertEquals(1, r.target[0]);
        assertEquals(750, r.target[749]);
        assertEquals(750, r.first);
        assertEquals(751, e.targets()[0]);
        assertEquals(1500, e.targets()[749]);
        // input + 1 autonomously reproduces i exactly
        assertEquals(0, e.smape(), 0);
    }

    @Test
    void aSeriesOfTheWrongLengthIsRejected() {
        assertEquals("series must have 1501 points, got 10", assertThrows(IllegalArgumentException.class,
                () -> TASK.evaluate(new Recorder(), new double[10])).getMessage());
        assertEquals("repeat must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> TASK.startOffsetPoints(-1)).getMessage());
        assertEquals("repeats must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> TASK.solve(0)).getMessage());
    }
}
