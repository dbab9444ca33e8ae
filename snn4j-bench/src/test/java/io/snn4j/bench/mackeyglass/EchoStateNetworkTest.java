package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EchoStateNetworkTest {
    private static final MackeyGlassTask TASK = MackeyGlassTask.neuroBench(17);
    private static final double[] SERIES = TASK.series(TASK.solve(1), 0);
    private static final EsnConfig SMALL = EsnConfig.neuroBench(17).withReservoir(200, 0.2);

    @Test
    void theRecurrentMatrixIsScaledToTheSpectralRadiusAndHasTheConnectionProbability() {
        EchoStateNetwork esn = new EchoStateNetwork(SMALL, 3);
        double[][] w = esn.recurrentMatrix();
        assertEquals(1.19, Eigenvalues.of(w).spectralRadius(), 1e-9);
        long nnz = Arrays.stream(w).flatMapToDouble(Arrays::stream).filter(v -> v != 0).count();
        assertEquals(nnz, esn.recurrentNonZeros());
        assertEquals(0.2, nnz / (200.0 * 200), 0.01); // 8000 +- 3 sigma (~76)
        // unscaled: Bernoulli(p) N(0, 1) entries have variance p, the circular law's radius is sqrt(N p) = 6.3
        assertEquals(Math.sqrt(200 * 0.2), esn.unscaledSpectralRadius(), 1.0);
    }

    @Test
    void inputWeightsAreUniformInPlusMinusHalfTimesTheirScales() {
        double[][] w = new EchoStateNetwork(SMALL, 3).inputWeights();
        double maxB = 0;
        double maxU = 0;
        for (double[] r : w) {
            maxB = Math.max(maxB, Math.abs(r[0]));
            maxU = Math.max(maxU, Math.abs(r[1]));
        }
        assertTrue(maxB <= 0.5 * 0.9 && maxB > 0.45 * 0.9, "bias weights up to " + maxB);
        assertTrue(maxU <= 0.5 * 0.78 && maxU > 0.45 * 0.78, "input weights up to " + maxU);
    }

    @Test
    void theSameSeedGivesTheSamePredictionsAndAnotherSeedOthers() {
        double[] a = TASK.evaluate(new EchoStateNetwork(SMALL, 1), SERIES).predictions();
        double[] b = TASK.evaluate(new EchoStateNetwork(SMALL, 1), SERIES).predictions();
        double[] c = TASK.evaluate(new EchoStateNetwork(SMALL, 2), SERIES).predictions();
        assertArrayEquals(a, b, 0);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void aTrainedEsnForecastsTheFirstLyapunovTimeClosely() {
        MackeyGlassTask.Evaluation e = TASK.evaluate(new EchoStateNetwork(SMALL, 0), SERIES);
        double worst = 0;
        for (int i = 0; i < 75; i++) { // the first Lyapunov time of the autonomous run
            worst = Math.max(worst, Math.abs(e.predictions()[i] - e.targets()[i]));
        }
        assertTrue(worst < 0.05, "max error over the first Lyapunov time " + worst);
        assertTrue(e.smape() < 30, "sMAPE " + e.smape());
    }

    @Test
    void neuroBenchsTableAndBadConfigurations() {
        EsnConfig c17 = EsnConfig.neuroBench(17);
        assertEquals(new EsnConfig(966, 0.9, 0.78, 0.97, 1.19, 0.69, 1e-7, 45), c17);
        assertEquals(577, EsnConfig.neuroBench(30).reservoirSize());
        assertEquals("NeuroBench has ESN hyperparameters for tau = 17, 18, ..., 30 only, got 16.0",
                assertThrows(IllegalArgumentException.class, () -> EsnConfig.neuroBench(16)).getMessage());
        assertEquals("ESN leakage must be in (0, 1], got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new EsnConfig(10, 1, 1, 0.5, 1, 0, 0, 0)).getMessage());
        assertEquals("ESN connection probability must be in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> c17.withReservoir(10, 1.5)).getMessage());
        EchoStateNetwork esn = new EchoStateNetwork(SMALL, 0);
        assertEquals("ESN: predict before fit",
                assertThrows(IllegalStateException.class, () -> esn.predict(1, 3)).getMessage());
        assertEquals("ESN: 40 training points leave nothing after the 45-point warm-up",
                assertThrows(IllegalArgumentException.class, () -> esn.fit(new double[40], new double[40]))
                        .getMessage());
    }
}
