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
        assertEquals(197.0 / 75, TASK.sampleStep(), 0);
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
    void aSeriesIsNeuroBenchsFileSlicedAtTheRepeatsOffset() {
        DelaySolution sol = TASK.solve(3);
        assertTrue(sol.endTime() >= TASK.firstSampleTime(2) + TASK.maxTime());
        double[] s1 = TASK.series(sol, 1);
        assertEquals(1501, s1.length);
        double[] file = TASK.fileSeries(sol, 37 + 1501);
        assertArrayEquals(java.util.Arrays.copyOfRange(file, 37, 37 + 1501), s1, 0);
        assertEquals(sol.valueAt(17 + 47 * 197.0 / 75), s1[10], 0);
    }

    @Test
    void theSeriesStartsAsNeuroBenchsOwnFile() {
        // NeuroBench's mg_17.npy (3,751 float64 values, from its Hugging Face data set) begins with these three
        // values, as read by a public NPY reader's test; its jitcdde integration and our RK4 agree to 1e-12 here
        double[] nb = {1.2667777302367338, 1.3034007827142546, 1.2823045380633082};
        double[] ours = TASK.fileSeries(TASK.solve(1), 3);
        assertArrayEquals(nb, ours, 1e-11);
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
