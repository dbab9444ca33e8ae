package io.snn4j.core.golden;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * snn4j reproduces the shared snnTorch oracles ({@code ../shared/data/snntorch-oracles}: networks snnTorch
 * exported to NIR, with its outputs and BPTT gradients for {@code ce_count_loss}, reset to zero, atan surrogate):
 * identical output spikes, membrane, loss and gradients within a relative error of 1e-5.
 *
 * <p>Core cannot read NIR (HDF5), so the networks and weights were read from the {@code .nir} files once by
 * {@code benchmarks/peers/make_goldens.py --oracles} into {@code golden/oracles/} (it checks that snnTorch
 * with those weights reproduces the oracle exactly); the input, outputs, loss and gradients are read from the
 * shared data directory itself. Skipped when that directory is absent (a user's clone).
 */
class SnnTorchOracleTest {

    static List<String> cases() {
        return GoldenCase.names(GoldenCase.ORACLES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheSharedOracle(String name) {
        Path dir = oracleDir();
        Assumptions.assumeTrue(dir != null, "../shared/data/snntorch-oracles not found above " + Paths.get("")
                .toAbsolutePath());
        GoldenCase g = GoldenCase.load(name, GoldenCase.ORACLES, dir);
        Assumptions.assumeTrue(g.has("input"), "oracle " + name + " absent from " + dir);
        GoldenRunner.assertMatches(g);
    }

    /** {@code shared/data/snntorch-oracles} in the working directory or any parent, or null. */
    static Path oracleDir() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("data").resolve("snntorch-oracles");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        return null;
    }
}
