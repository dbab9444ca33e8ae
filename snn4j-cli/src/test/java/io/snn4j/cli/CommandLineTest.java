package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @Test
    void versionAndHelpSucceed() {
        Cli v = Cli.run("--version");
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().startsWith("snn4j "), v.toString());
        Cli h = Cli.run("--help");
        assertEquals(0, h.exit(), h.toString());
        for (String cmd : new String[] {"demo", "train", "info", "speed"}) {
            assertTrue(h.out().contains(cmd), cmd + " missing from help:\n" + h.out());
            Cli sub = Cli.run(cmd, "--help");
            assertEquals(0, sub.exit(), sub.toString());
            assertTrue(sub.out().contains("Usage: snn4j " + cmd), sub.toString());
        }
    }

    @Test
    void helpTextsRenderWithoutPicocliFormatWarnings() {
        // picocli formats descriptions with String.format and, when one is invalid (a bare %), warns on
        // System.err and shows the raw text
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            for (picocli.CommandLine sub : Main.commandLine().getSubcommands().values()) {
                assertFalse(sub.getUsageMessage().isEmpty());
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString(), "picocli warned while rendering help");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        Cli r = Cli.run("demo", "--epoch", "3");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: Unknown option"), r.toString());
        assertTrue(r.err().contains("--epochs"), r.toString());
        assertTrue(r.err().contains("snn4j demo --help"), r.toString());
    }

    @Test
    void missingRequiredOptionAndBadNumberAreUsageErrors() {
        assertEquals(2, Cli.run("train").exit());
        Cli r = Cli.run("demo", "--epochs", "many");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("'many'"), r.toString());
    }

    @Test
    void missingConfigFileIsOneLineNamingItWithExitCode1(@TempDir Path dir) {
        Path f = dir.resolve("missing.yaml");
        Cli r = Cli.run("train", "--config", f.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("snn4j: error: " + f + ": no such file (expected a YAML experiment config)\n", r.err());
    }

    @Test
    void debugFlagAddsTheStackTrace(@TempDir Path dir) {
        Cli r = Cli.run("train", "--debug", "--config", dir.resolve("missing.yaml").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: "), r.toString());
        assertTrue(r.err().contains("\tat io.snn4j.cli."), r.toString());
    }

    @Test
    void unknownConfigKeyIsNamedWithoutStackTrace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, "network:\n  layers: [{type: linear, in_features: 64, out_features: 10}]\n"
                + "training:\n  optimiser: {type: adam}\n");
        Cli r = Cli.run("train", "--config", f.toString(), "--out", dir.resolve("run").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: " + f + ": unknown key 'optimiser' in section 'training'"),
                r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertFalse(Files.exists(dir.resolve("run")), "nothing may be written for a bad config");
    }

    @Test
    void badLayerIsNamedByIndexAndType(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, "network:\n  layers:\n    - {type: linear, in_features: 64, out_features: 10}\n"
                + "    - {type: leaky, beta: 0.9, colour: red}\n");
        Cli r = Cli.run("train", "--config", f.toString(), "--out", dir.resolve("run").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: " + f + ": network.layers[1] (leaky): "), r.toString());
        assertTrue(r.err().contains("colour"), r.toString());
    }

    @Test
    void networkWhoseShapesDoNotChainIsRejected(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, "network:\n  layers:\n    - {type: linear, in_features: 64, out_features: 10}\n"
                + "    - {type: linear, in_features: 12, out_features: 10}\n");
        Cli r = Cli.run("train", "--config", f.toString(), "--out", dir.resolve("run").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(": network.layers: "), r.toString());
        f = dir.resolve("exp2.yaml");
        Files.writeString(f, "network:\n  layers:\n    - {type: linear, in_features: 64, out_features: 7}\n");
        r = Cli.run("train", "--config", f.toString(), "--out", dir.resolve("run").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("expected [10], one per class"), r.toString());
    }

    @Test
    void infoRejectsGarbageAndMissingFiles(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5});
        Cli r = Cli.run("info", junk.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("snn4j: error: " + junk + ": neither an snn4j model file"), r.toString());
        Path json = dir.resolve("other.json");
        Files.writeString(json, "{\"a\": 1}");
        r = Cli.run("info", json.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("without 'ClassificationAccuracy'"), r.toString());
        r = Cli.run("info", dir.resolve("none.snn").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("none.snn: no such file"), r.toString());
    }
}
