package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    /** Largest deviation from the exact sine, away from the edges (where the kernel runs out of signal). */
    private static double maxError(float[] y, double hz, int rate, double amplitude) {
        double worst = 0;
        int margin = rate / 50;
        for (int i = margin; i < y.length - margin; i++) {
            double want = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
            worst = Math.max(worst, Math.abs(y[i] - want));
        }
        return worst;
    }

    @Test
    void upsamplingReproducesTheBandLimitedSignal() {
        float[] x = Audio.tone(440, 0.8, 0.2, 8000).samples();
        float[] y = Resampler.resample(x, 8000, 16000);
        assertEquals(3200, y.length);
        assertTrue(maxError(y, 440, 16000, 0.8) < 2e-3, "error " + maxError(y, 440, 16000, 0.8));
    }

    @Test
    void downsamplingKeepsWhatFitsAndRemovesWhatWouldAlias() {
        float[] x = Audio.tone(1000, 0.5, 0.2, 44100).samples();
        float[] y = Resampler.resample(x, 44100, 16000);
        assertEquals((int) Math.ceil(x.length * 16000.0 / 44100), y.length);
        assertTrue(maxError(y, 1000, 16000, 0.5) < 2e-3, "error " + maxError(y, 1000, 16000, 0.5));

        // 12 kHz is above the new Nyquist frequency (8 kHz): it must not come back as a 4 kHz alias
        float[] high = Resampler.resample(Audio.tone(12000, 0.5, 0.2, 44100).samples(), 44100, 16000);
        double peak = 0;
        for (int i = 320; i < high.length - 320; i++) {
            peak = Math.max(peak, Math.abs(high[i]));
        }
        assertTrue(peak < 0.01, "alias amplitude " + peak);
    }

    @Test
    void sameRateIsACopyAndBadRatesAreRefused() {
        float[] x = {1, 2, 3};
        float[] y = Resampler.resample(x, 8000, 8000);
        assertArrayEquals(x, y);
        y[0] = 9;
        assertEquals(1, x[0]);
        assertEquals(0, Resampler.resample(new float[0], 8000, 16000).length);
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(x, 0, 8000));
    }
}
