package io.snn4j.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CubaResultTest {

    @Test
    void theLineParsesBackToTheSameFigures() {
        CubaResult r = new CubaResult(21.5, 70.25, 5.514, 22056, 320082, 19.0);
        assertEquals("workload=cuba sim_ms=21.50 first_ms=70.25 rate_hz=5.514 spikes=22056 synapses=320082 "
                + "peak_heap_mb=19.0", r.line());
        assertEquals(r, CubaResult.parse(r.line()));
    }

    @Test
    void brian2sLineIsParsedWithItsResidentSetSize() {
        CubaResult r = CubaResult.parse("workload=cuba sim_ms=1222.85 first_ms=1778.41 rate_hz=5.407 spikes=21628 "
                + "synapses=320061 peak_rss_mb=175.9");
        assertEquals(1222.85, r.simMs(), 1e-9);
        assertEquals(21628, r.spikes());
        assertEquals(175.9, r.peakMemoryMb(), 1e-9);
        assertTrue(r.rateInRange());
        assertFalse(new CubaResult(1, 1, 12.7, 1, 1, 1).rateInRange());
    }

    @Test
    void aLineOfAnotherWorkloadOrWithoutAFieldIsRejectedNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CubaResult.parse("workload=shd_ff train_ms=1 forward_ms=1 peak_heap_mb=1")).getMessage()
                .startsWith("not a cuba line"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CubaResult.parse("workload=cuba sim_ms=1 first_ms=2 spikes=3 synapses=4 peak_rss_mb=5"))
                .getMessage().startsWith("cuba line lacks 'rate_hz='"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CubaResult.parse("workload=cuba sim_ms=fast first_ms=2 rate_hz=5 spikes=3 synapses=4 "
                        + "peak_rss_mb=5")).getMessage().contains("non-numeric sim_ms='fast'"));
    }
}
