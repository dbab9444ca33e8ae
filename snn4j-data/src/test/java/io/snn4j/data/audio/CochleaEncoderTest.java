package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CochleaEncoderTest {

    private static double steadyAmplitude(double[] y, int from) {
        double s = 0;
        for (int i = from; i < y.length; i++) {
            s += y[i] * y[i];
        }
        return Math.sqrt(2 * s / (y.length - from));
    }

    @Test
    void gammatoneHasUnitGainAtTheCentreAndTheAnalyticGainOffCentre() {
        int fs = 16000;
        GammatoneFilterbank bank = new GammatoneFilterbank(16, 100, 6000, fs);
        int c = 8;
        double fc = bank.centreFrequencies()[c];
        double b = 1.019 * GammatoneFilterbank.erb(fc);
        double[] y = new double[fs];
        bank.filter(Audio.tone(fc, 0.5, 1.0, fs).samples(), c, y);
        assertEquals(0.5, steadyAmplitude(y, fs / 4), 0.005);
        // one bandwidth off the centre: four one-pole stages, each |(1-a) / (1 - a e^{-i theta})|
        bank.filter(Audio.tone(fc + b, 0.5, 1.0, fs).samples(), c, y);
        double a = Math.exp(-2 * Math.PI * b / fs);
        double theta = 2 * Math.PI * b / fs;
        double stage = (1 - a) * (1 - a) / (1 - 2 * a * Math.cos(theta) + a * a);
        assertEquals(0.5 * stage * stage, steadyAmplitude(y, fs / 4), 0.005);
        assertEquals(0.25, stage * stage, 0.01);   // the continuous-time value 1 / (1 + 1)^2
    }

    @Test
    void centreFrequenciesAreErbSpacedBetweenTheLimits() {
        double[] f = new GammatoneFilterbank(32, 50, 7000, 16000).centreFrequencies();
        assertEquals(50, f[0], 1e-9);
        assertEquals(7000, f[31], 1e-9);
        double step = GammatoneFilterbank.erbRate(f[1]) - GammatoneFilterbank.erbRate(f[0]);
        for (int i = 1; i < f.length; i++) {
            assertEquals(step, GammatoneFilterbank.erbRate(f[i]) - GammatoneFilterbank.erbRate(f[i - 1]), 1e-9);
        }
        assertEquals(1000, GammatoneFilterbank.inverseErbRate(GammatoneFilterbank.erbRate(1000)), 1e-9);
    }

    @Test
    void aPureToneExcitesTheChannelTunedToItMost() {
        CochleaEncoder enc = new CochleaEncoder(CochleaEncoder.Params.defaults().with(Map.of("channels", 40,
                "normalize", "none")));
        double[] centres = enc.centreFrequencies();
        // at -20 and -10 dB (at full scale the channels next to the tuned one saturate as well)
        for (int k = 0; k < 6; k++) {
            int c = new int[] {5, 20, 33}[k % 3];
            double amplitude = k < 3 ? 0.1 : 0.3;
            int[] counts = enc.encode(Audio.tone(centres[c], amplitude, 0.5, 16000)).countsPerChannel();
            for (int j = 0; j < counts.length; j++) {
                if (Math.abs(j - c) >= 2) {
                    assertTrue(counts[c] > counts[j], "tone at channel " + c + " (" + centres[c] + " Hz): "
                            + Arrays.toString(counts));
                } else {
                    assertTrue(counts[c] >= counts[j], Arrays.toString(counts));
                }
            }
            assertTrue(counts[c] > 10, Arrays.toString(counts));
        }
    }

    @Test
    void louderMeansMoreSpikesAndSilenceNone() {
        CochleaEncoder enc = new CochleaEncoder(CochleaEncoder.Params.defaults().with("normalize", "none"));
        int previous = -1;
        for (double amp : new double[] {0.02, 0.05, 0.1, 0.3}) {
            int n = enc.encode(Audio.tone(1000, amp, 0.3, 16000)).count();
            assertTrue(n > previous, "amplitude " + amp + ": " + n + " spikes, quieter gave " + previous);
            previous = n;
        }
        AudioSpikes silent = new CochleaEncoder(CochleaEncoder.Params.defaults())
                .encode(new Audio(new float[8000], 16000));
        assertEquals(0, silent.count());
        assertEquals(500, silent.numSteps());
        assertEquals(0, new CochleaEncoder(CochleaEncoder.Params.defaults())
                .encode(new Audio(new float[0], 16000)).numSteps());
    }

    @Test
    void deterministicAndResampledToTheEncoderRate() {
        CochleaEncoder enc = new CochleaEncoder(CochleaEncoder.Params.defaults().with("channels", 24));
        Audio a = Audio.tone(700, 0.3, 0.25, 8000);
        AudioSpikes s1 = enc.encode(a);
        AudioSpikes s2 = enc.encode(a);
        assertArrayEquals(s1.steps(), s2.steps());
        assertArrayEquals(s1.units(), s2.units());
        assertEquals(250, s1.numSteps());   // 0.25 s at dt 1 ms, after resampling to 16 kHz
        assertArrayEquals(s1.toDense().data(), enc.encode(a.resampled(16000)).toDense().data());
    }

    @Test
    void spikesFollowTheLeakyIntegrateAndFireEquations() {
        // one channel, no hair-cell filter, no compression: an independent re-computation from the filter output
        CochleaEncoder.Params p = CochleaEncoder.Params.defaults().with(new LinkedHashMap<>(Map.of("channels", 1,
                "f_min", 500, "f_max", 500, "compression", "none", "hair_cell_cutoff", 0, "normalize", "none",
                "gain", 8, "tau", 0.004, "refractory", 0.002, "reset", "subtract")));
        Audio a = Audio.tone(500, 0.8, 0.1, 16000);
        double[] y = new double[a.samples().length];
        new GammatoneFilterbank(1, 500, 500, 16000).filter(a.samples(), 0, y);
        double beta = Math.exp(-0.001 / 0.004);
        double v = 0;
        int quietUntil = -1;
        StringBuilder want = new StringBuilder();
        for (int t = 0; t < 100; t++) {
            double mean = 0;
            for (int i = 16 * t; i < 16 * t + 16; i++) {
                mean += Math.max(0, y[i]) / 16;
            }
            v = beta * v + (1 - beta) * 8 * mean;
            if (t > quietUntil && v >= 1) {
                want.append(t).append(' ');
                v -= 1;
                quietUntil = t + 2;
            }
        }
        AudioSpikes s = new CochleaEncoder(p).encode(a);
        StringBuilder got = new StringBuilder();
        for (int t : s.steps()) {
            got.append(t).append(' ');
        }
        assertEquals(want.toString(), got.toString());
        assertTrue(s.count() > 10);
    }

    @Test
    void denseFormsCountSpikesPerBin() {
        AudioSpikes s = new AudioSpikes(5, 3, 0.001, new int[] {0, 0, 2, 3, 4}, new int[] {0, 2, 1, 1, 1});
        assertArrayEquals(new float[] {1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0}, s.toDense().data());
        Tensor b = s.toDense(2);
        assertArrayEquals(new int[] {3, 3}, b.shape());
        assertArrayEquals(new float[] {1, 0, 1, 0, 2, 0, 0, 1, 0}, b.data());
        assertArrayEquals(new double[] {0, 0, 0.002, 0.003, 0.004}, s.times(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new AudioSpikes(2, 3, 0.001, new int[] {2},
                new int[] {0}));
    }

    @Test
    void paramsCheckTheirValuesAndDescribeThemselves() {
        CochleaEncoder.Params d = CochleaEncoder.Params.defaults();
        assertEquals(7200.0, d.fMax());
        assertEquals(d.toMap(), CochleaEncoder.Params.defaults().with(d.toMap()).toMap());
        assertEquals("channels: expected a whole number between 1 and 10000, got 0",
                assertThrows(IllegalArgumentException.class, () -> d.with("channels", 0)).getMessage());
        assertEquals("compression: expected one of log, power, none, got 'cubic'",
                assertThrows(IllegalArgumentException.class, () -> d.with("compression", "cubic")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("chanels", 3)).getMessage()
                .startsWith("chanels: unknown option; expected one of channels, sample_rate"));
        assertEquals("f_max: f_max 9000 Hz must be below half the sample rate (8000 Hz)",
                assertThrows(IllegalArgumentException.class, () -> d.with("f_max", 9000)).getMessage());
        // checked once all options are set, whatever their order
        CochleaEncoder.Params q = d.with(new LinkedHashMap<>(Map.of("f_max", 12000, "sample_rate", 32000)));
        assertEquals(12000.0, q.fMax());
        assertTrue(!d.canonical().equals(d.with("gain", 4).canonical()));
    }
}
