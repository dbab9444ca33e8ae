package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full demo, exactly as {@code ./snn4j demo} runs it. Part of {@code mvn -B verify}; exclude it for quick
 * local runs with {@code -DexcludedGroups=full-demo}.
 */
@Tag("full-demo")
class DemoAccuracyTest {

    @Test
    void fullDemoReachesAtLeast90PercentTestAccuracy(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Cli r = Cli.run("demo", "--out", tmp.resolve("run").toString());
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.exit(), r.toString());
        double acc = new ObjectMapper().readTree(tmp.resolve("run/results.json").toFile())
                .path("ClassificationAccuracy").asDouble();
        assertTrue(acc >= 0.90, "test accuracy " + acc + "\n" + r);
        assertTrue(secs < 120, "the demo must take well under two minutes, took " + secs + " s");
    }
}
