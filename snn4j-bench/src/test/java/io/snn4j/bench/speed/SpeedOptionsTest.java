package io.snn4j.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedOptionsTest {

    private static SpeedOptions withWorkload(String w) {
        return new SpeedOptions(w, 20, 5, 0, 2, 42, 0, 0, 0);
    }

    @Test
    void allRunsTheThreeWorkloadsInTheirOrder() {
        assertEquals(List.of("shd_ff", "shd_rec", "on_1024"), SpeedOptions.defaults(2).workloads());
    }

    @Test
    void aCommaSeparatedListRunsThoseWorkloadsInTheGivenOrder() {
        assertEquals(List.of("on_1024", "shd_ff"), withWorkload("on_1024,shd_ff").workloads());
    }

    @Test
    void anUnknownWorkloadIsRejectedNamingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withWorkload("shd_ff,mnist").validate());
        assertEquals("unknown workload 'mnist'; valid: shd_ff, shd_rec, on_1024, all", e.getMessage());
    }

    @Test
    void repeatBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpeedOptions("all", 0, 5, 0, 2, 42, 0, 0, 0).validate());
        assertEquals("--repeat must be >= 1, got 0", e.getMessage());
    }

    @Test
    void negativeWarmupThreadsOrSizesAreRejectedNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SpeedOptions("all", 1, -1, 0, 2, 42, 0, 0, 0).validate()).getMessage().contains("--warmup"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SpeedOptions("all", 1, 0, -1, 1, 42, 0, 0, 0).validate()).getMessage()
                .contains("--warmup-seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SpeedOptions("all", 1, 0, Double.NaN, 1, 42, 0, 0, 0).validate()).getMessage()
                .contains("--warmup-seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SpeedOptions("all", 1, 0, 0, 0, 42, 0, 0, 0).validate()).getMessage().contains("--threads"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SpeedOptions("all", 1, 0, 0, 1, 42, 0, -5, 0).validate()).getMessage().contains("--steps"));
    }
}
