package io.snn4j.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeedResultTest {

    @Test
    void lineHasTheFourFieldsWithTwoDecimalsForTimes() {
        SpeedResult r = new SpeedResult("shd_ff", 12.345, 3.0, 150.25);
        assertEquals("workload=shd_ff train_ms=12.35 forward_ms=3.00 peak_heap_mb=150.3", r.line());
    }

    @Test
    void parseReadsBackWhatLinePrints() {
        SpeedResult r = SpeedResult.parse(new SpeedResult("on_1024", 1.5, 0.25, 8).line());
        assertEquals("on_1024", r.workload());
        assertEquals(1.5, r.trainMs(), 1e-9);
        assertEquals(0.25, r.forwardMs(), 1e-9);
        assertEquals(8, r.peakMemoryMb(), 1e-9);
    }

    @Test
    void theProcessPeakRssIsPrintedAndReadBackWhenKnown() {
        SpeedResult r = new SpeedResult("shd_ff", 7.0, 2.5, 180.0, 231.46);
        assertEquals("workload=shd_ff train_ms=7.00 forward_ms=2.50 peak_heap_mb=180.0 peak_rss_mb=231.5", r.line());
        SpeedResult back = SpeedResult.parse(r.line());
        assertEquals(180.0, back.peakMemoryMb(), 1e-9);
        assertEquals(231.5, back.processRssMb(), 1e-9);
        assertTrue(Double.isNaN(SpeedResult.parse("workload=a train_ms=1 forward_ms=1 peak_heap_mb=2").processRssMb()));
    }

    @Test
    void theJvmReadsItsOwnPeakRssOnLinux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of(
                "/proc/self/status")), "no /proc");
        double rss = SpeedRunner.processPeakRssMb();
        // a running JVM holds at least its heap in use and its code
        long used = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        assertTrue(rss > 10 && rss >= used / 2.0, "peak RSS " + rss + " MiB, heap in use " + used + " MiB");
    }

    @Test
    void parseAcceptsThePeerScriptsRssField() {
        SpeedResult r = SpeedResult.parse("workload=shd_rec train_ms=163.91 forward_ms=29.89 peak_rss_mb=337.4");
        assertEquals(163.91, r.trainMs(), 1e-9);
        assertEquals(337.4, r.peakMemoryMb(), 1e-9);
    }

    @Test
    void parseNamesAMissingOrMalformedField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeedResult.parse("workload=shd_ff forward_ms=1 peak_heap_mb=2"));
        assertTrue(e.getMessage().contains("train_ms"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpeedResult.parse("workload=shd_ff train_ms=fast forward_ms=1 peak_heap_mb=2"));
        assertTrue(e.getMessage().contains("train_ms='fast'"), e.getMessage());
    }
}
