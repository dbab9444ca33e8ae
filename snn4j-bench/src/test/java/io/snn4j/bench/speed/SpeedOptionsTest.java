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
        assertEquals("unknown workload 'mnist'; valid: shd_ff, shd_rec, on_1024, cuba, all", e.getMessage());
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

    @Test
    void cubaIsNotPartOfAllAndIsSeparatedFromTheTrainingWorkloads() {
        SpeedOptions o = withWorkload("shd_ff,cuba");
        assertEquals(List.of("shd_ff", "cuba"), o.workloads());
        assertEquals(List.of("shd_ff"), o.trainingWorkloads());
        assertTrue(o.runsCuba());
        assertTrue(!withWorkload("all").runsCuba());
        assertEquals(List.of(), withWorkload("cuba").trainingWorkloads());
    }

    @Test
    void cubaSizesDefaultToTheReferenceNetwork() {
        SpeedOptions o = withWorkload("cuba");
        assertEquals(4000, o.cubaNeurons());
        assertEquals(1.0, o.cubaSeconds(), 0);
        o = o.withCuba(500, 0.25);
        assertEquals(500, o.cubaNeurons());
        assertEquals(0.25, o.cubaSeconds(), 0);
    }

    @Test
    void aNegativeCheckpointIntervalOrCubaSizeIsRejectedNamingTheOption() {
        assertEquals("--checkpoint-every must be >= 1 (or 0 for off), got -2", assertThrows(
                IllegalArgumentException.class, () -> withWorkload("all").withCheckpointEvery(-2).validate())
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> withWorkload("cuba").withCuba(-1, 0).validate()).getMessage().startsWith("--neurons"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> withWorkload("cuba").withCuba(0, -1).validate()).getMessage().startsWith("--sim-seconds"));
    }
}
