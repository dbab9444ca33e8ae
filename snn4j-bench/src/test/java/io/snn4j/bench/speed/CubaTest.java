package io.snn4j.bench.speed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CubaTest {

    /** Steps at which neuron 0 fired. */
    private static List<Integer> spikeSteps(Cuba net) {
        List<Integer> steps = new ArrayList<>();
        net.simulate((step, neuron) -> {
            if (neuron == 0) {
                steps.add(step);
            }
        });
        return steps;
    }

    /**
     * Steps from a spike to the next of a lone neuron whose spike adds {@code ge0} to its own ge (an autapse),
     * from the closed-form solution of the CUBA equations in double precision: 49 steps held at Vr, then k
     * exact steps from Vr with the synaptic input decayed over the 49 held steps, until v exceeds Vt.
     */
    private static int interval(double ge0) {
        double dt = 0.1;
        double em = Math.exp(-dt / 20);
        double ee = Math.exp(-dt / 5);
        double g = ge0 * Math.pow(ee, 49);
        for (int k = 1; ; k++) {
            double v = -49 + (-60 + 49) * Math.pow(em, k) + g * 5 / (5 - 20.0) * (Math.pow(ee, k) - Math.pow(em, k));
            if (v > -50) {
                return 49 + k;
            }
        }
    }

    @Test
    void aLoneNeuronFiresEvery529StepsBecauseRestLiesAboveThreshold() {
        // El = -49 mV > Vt = -50 mV: from Vr = -60 mV, v - El = -11 e^{-t/20 ms} crosses -1 at 20 ln 11 = 47.96 ms,
        // i.e. on the 480th step after the 49 refractory steps.
        assertEquals(529, interval(0));
        List<Integer> s = spikeSteps(Cuba.build(1, 0.2, 3, 0.0));
        assertTrue(s.size() >= 3, s.toString());
        for (int i = 1; i < s.size(); i++) {
            assertEquals(529, s.get(i) - s.get(i - 1), s.toString());
        }
    }

    @Test
    void anExcitatoryAutapseShortensTheIntervalAsTheExactSolutionSays() {
        Cuba net = Cuba.build(1, 0.2, 3, 1.0);
        assertEquals(1, net.excitatory());
        assertEquals(1, net.synapses());
        List<Integer> s = spikeSteps(net);
        int expected = interval(Cuba.WE);
        assertTrue(expected < 529, "self-excitation must speed the neuron up: " + expected);
        // The first interval: before the first spike ge was 0, so the closed form applies exactly.
        assertEquals(expected, s.get(1) - s.get(0), s.toString());
    }

    @Test
    void theReferenceNetworkFiresAtAMeanRateBetween3And9Hz() {
        Cuba net = Cuba.build(Cuba.NEURONS, Cuba.SECONDS, 42);
        assertEquals(3200, net.excitatory());
        assertEquals(10_000, net.steps());
        // 4000^2 candidate pairs at p = 0.02: 320,000 synapses, standard deviation 560.
        assertTrue(Math.abs(net.synapses() - 320_000) < 2_800, "synapses " + net.synapses());
        Cuba.Run r = net.simulate();
        assertTrue(r.rateInRange(), "rate " + r.rateHz());
        assertEquals(r.spikes() / 4000.0, r.rateHz(), 1e-9);
        assertEquals(r.spikes(), Arrays.stream(r.spikeCounts()).sum());
    }

    @Test
    void theSameSeedGivesTheSameSpikesAndADifferentSeedDifferentOnes() {
        Cuba.Run a = Cuba.build(Cuba.NEURONS, 0.2, 5).simulate();
        Cuba net = Cuba.build(Cuba.NEURONS, 0.2, 5);
        Cuba.Run b = net.simulate();
        Cuba.Run again = net.simulate();
        assertArrayEquals(a.spikeCounts(), b.spikeCounts());
        assertArrayEquals(a.finalV(), b.finalV());
        assertArrayEquals(b.spikeCounts(), again.spikeCounts());
        assertArrayEquals(b.finalV(), again.finalV());
        Cuba.Run c = Cuba.build(Cuba.NEURONS, 0.2, 6).simulate();
        assertFalse(Arrays.equals(a.spikeCounts(), c.spikeCounts()));
        assertNotEquals(0, a.spikes());
    }

    @Test
    void theRateRangeIsInclusive() {
        assertTrue(Cuba.Run.rateInRange(3.0));
        assertTrue(Cuba.Run.rateInRange(9.0));
        assertFalse(Cuba.Run.rateInRange(2.999));
        assertFalse(Cuba.Run.rateInRange(9.001));
        assertFalse(Cuba.Run.rateInRange(Double.NaN));
    }

    @Test
    void badSizesAreRejectedNamingTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cuba.build(0, 1, 1)).getMessage()
                .startsWith("cuba: neurons must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cuba.build(10, 0, 1)).getMessage()
                .startsWith("cuba: simulated seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cuba.build(10, 1, 1, 1.5)).getMessage()
                .startsWith("cuba: connection probability"));
    }
}
