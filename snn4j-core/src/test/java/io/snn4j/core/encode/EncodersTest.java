package io.snn4j.core.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** Spike times pinned from snnTorch 0.9.4's spikegen ({@code benchmarks/peers/loss_values.py}). */
class EncodersTest {

    /** The step at which each element spikes, -1 when it never does; fails on more than one spike. */
    private static int[] spikeTimes(Tensor spikes) {
        int steps = spikes.dim(0);
        int n = spikes.stride0();
        int[] r = new int[n];
        java.util.Arrays.fill(r, -1);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                if (spikes.data()[t * n + i] != 0) {
                    assertEquals(-1, r[i], "element " + i + " spiked twice");
                    r[i] = t;
                }
            }
        }
        return r;
    }

    private static Tensor vec(float... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void latencyDefaultLogCodeSpikesEarlyForBrightValues() {
        Tensor s = Encoders.latency(vec(0.02f, 0.5f, 1f), 5);
        assertArrayEquals(new int[] {5, 3}, s.shape());
        assertArrayEquals(new int[] {1, 0, 0}, spikeTimes(s));
    }

    @Test
    void latencyNormalizedLinearSpreadsTimesOverAllSteps() {
        Tensor s = Encoders.latency(vec(0.02f, 0.5f, 1f), 5, 0.01f, 1f, true, true, false);
        assertArrayEquals(new int[] {4, 2, 0}, spikeTimes(s));
        // first_spike_time=2 over 8 steps shifts the linear code: t = 5 (1 - x) + 2
        assertArrayEquals(new int[] {7, 4, 2},
                spikeTimes(Encoders.latency(vec(0.02f, 0.5f, 1f), 8, 0.01f, 1f, 2, true, true, false)));
    }

    @Test
    void latencyNormalizedLogPutsTheDarkestValueOnTheLastStep() {
        assertArrayEquals(new int[] {0, 0, 0, 4},
                spikeTimes(Encoders.latency(vec(0.02f, 0.5f, 1f, 0f), 5, 0.01f, 1f, false, true, false)));
        assertArrayEquals(new int[] {9, 1, 0, 0, 0},
                spikeTimes(Encoders.latency(vec(0f, 0.25f, 0.5f, 0.75f, 1f), 10, 0.2f, 1f, false, true, false)));
    }

    @Test
    void latencyClipRemovesSpikesBelowThreshold() {
        Tensor x = vec(0.005f, 0.02f, 0.1f, 1f);
        assertArrayEquals(new int[] {58, 3, 1, 0}, spikeTimes(Encoders.latency(x, 60, 0.01f, 5f, false, false, false)));
        assertArrayEquals(new int[] {-1, 3, 1, 0}, spikeTimes(Encoders.latency(x, 60, 0.01f, 5f, false, false, true)));
        assertArrayEquals(new int[] {5, 5, 4, 0}, spikeTimes(Encoders.latency(x, 10, 0.01f, 5f, true, false, false)));
        assertArrayEquals(new int[] {-1, 5, 4, 0}, spikeTimes(Encoders.latency(x, 10, 0.01f, 5f, true, false, true)));
    }

    @Test
    void latencyKeepsTheDataShapeAfterTime() {
        Tensor x = Tensor.of(new float[] {1f, 0.5f, 0.02f, 1f}, 2, 2);
        Tensor s = Encoders.latency(x, 5);
        assertArrayEquals(new int[] {5, 2, 2}, s.shape());
        assertEquals(1f, s.get(1, 1, 0));
        assertEquals(1f, s.get(0, 0, 0));
        assertEquals(4f, s.sum());
    }

    @Test
    void latencyRejectsBadArguments() {
        Tensor x = vec(0.5f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Encoders.latency(x, 0));
        assertTrue(e.getMessage().contains("numSteps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Encoders.latency(x, 5, 1f, 1f, false, false, false));
        assertTrue(e.getMessage().contains("threshold"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Encoders.latency(vec(1.5f), 5));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        // a zero input under the log code lands at step 12, after the last of 5 steps (snnTorch raises too)
        e = assertThrows(IllegalArgumentException.class, () -> Encoders.latency(vec(0f), 5));
        assertTrue(e.getMessage().contains("normalize"), e.getMessage());
    }

    @Test
    void deltaSpikesOnRisesOfAtLeastTheThreshold() {
        Tensor s = Encoders.delta(vec(1f, 2f, 2.9f, 3f, 3.9f), 1f);
        assertArrayEquals(new float[] {1, 1, 0, 0, 0}, s.data());
    }

    @Test
    void deltaWithPaddingAndOffSpikes() {
        Tensor s = Encoders.delta(vec(1f, 2f, 0.5f, 3f, 3.9f), 1f, true, true);
        assertArrayEquals(new float[] {0, 1, -1, 1, 0}, s.data());
    }

    @Test
    void deltaComparesEachFeatureWithItsOwnPreviousStep() {
        Tensor x = Tensor.of(new float[] {0f, 0.5f, 0.2f, 0.5f, 0.2f, 0f}, 3, 2);
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 0}, Encoders.delta(x).data());
    }

    @Test
    void rateFiresWithTheClampedProbability() {
        Tensor x = vec(0f, 0.25f, 1f, 2f);
        Tensor s = Encoders.rate(x, 4000, new Rng(1));
        assertArrayEquals(new int[] {4000, 4}, s.shape());
        double[] count = new double[4];
        for (int t = 0; t < 4000; t++) {
            for (int i = 0; i < 4; i++) {
                count[i] += s.get(t, i);
            }
        }
        assertEquals(0, count[0]);
        assertEquals(0.25, count[1] / 4000, 0.02);
        assertEquals(4000, count[2]);
        assertEquals(4000, count[3], "probabilities above 1 are clamped");
        Tensor g = Encoders.rate(vec(0.5f), 4000, 0.5f, 0.25f, new Rng(2));
        assertEquals(0.5, g.sum() / 4000, 0.03, "p = 0.5 * 0.5 + 0.25");
    }

    @Test
    void rateIsDeterministicGivenTheSeed() {
        Tensor x = vec(0.3f, 0.6f, 0.9f);
        assertArrayEquals(Encoders.rate(x, 50, new Rng(7)).data(), Encoders.rate(x, 50, new Rng(7)).data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Encoders.rate(x, -1, new Rng(7)));
        assertTrue(e.getMessage().contains("numSteps"), e.getMessage());
    }
}
