package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LifReservoirTest {
    private static final MackeyGlassTask TASK = MackeyGlassTask.neuroBench(17);
    private static final double[] SERIES = TASK.series(TASK.solve(1), 0);

    @Test
    void forecastsTheFirstStepsAndIsDeterministicGivenTheSeed() {
        LifReservoir m = new LifReservoir(LifReservoirConfig.defaults(), 0);
        MackeyGlassTask.Evaluation e = TASK.evaluate(m, SERIES);
        double worst = 0;
        for (int i = 0; i < 15; i++) { // the first fifth of a Lyapunov time
            worst = Math.max(worst, Math.abs(e.predictions()[i] - e.targets()[i]));
        }
        assertTrue(worst < 0.05, "max error over the first 15 points " + worst);
        double as = m.activationSparsity();
        assertTrue(as > 0.2 && as < 0.9, "activation sparsity " + as);
        assertEquals(400 * 40 * (1 - as), m.spikesPerPoint(750), 1e-6);
        assertEquals(0, m.recurrentAccumulatesPerPoint(750), 0);
        double[] again = TASK.evaluate(new LifReservoir(LifReservoirConfig.defaults(), 0), SERIES).predictions();
        assertArrayEquals(e.predictions(), again, 0);
        double[] other = TASK.evaluate(new LifReservoir(LifReservoirConfig.defaults(), 1), SERIES).predictions();
        assertFalse(Arrays.equals(e.predictions(), other));
    }

    @Test
    void recurrentSynapsesCarrySpikesWhenTheRadiusIsPositive() {
        LifReservoirConfig c = new LifReservoirConfig(100, 4, 0.9, 1, 3, 0.5, 0.2, 1.0, 5, 1e-4, 45);
        LifReservoir m = new LifReservoir(c, 2);
        assertEquals(0.2 * 100 * 100, m.recurrentSynapses(), 300);
        TASK.evaluate(m, SERIES);
        assertTrue(m.recurrentAccumulatesPerPoint(750) > 0);
    }

    @Test
    void badConfigurationsAreRejectedNamingTheField() {
        assertEquals("LIF input window must be >= 1 values, got 0", assertThrows(IllegalArgumentException.class,
                () -> new LifReservoirConfig(10, 0, 0.9, 1, 1, 1, 0.1, 0, 1, 0, 0)).getMessage());
        assertEquals("LIF beta must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new LifReservoirConfig(10, 1, 1.5, 1, 1, 1, 0.1, 0, 1, 0, 0)).getMessage());
        assertEquals("LIF substeps must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new LifReservoirConfig(10, 1, 0.9, 1, 1, 1, 0.1, 0, 0, 0, 0)).getMessage());
        LifReservoir m = new LifReservoir(LifReservoirConfig.defaults(), 0);
        assertEquals("LIF model: predict before fit",
                assertThrows(IllegalStateException.class, () -> m.predict(1, 1)).getMessage());
    }
}
