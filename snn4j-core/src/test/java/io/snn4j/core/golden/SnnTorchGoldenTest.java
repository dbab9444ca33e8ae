package io.snn4j.core.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * snn4j computes what snnTorch 0.9.4 / PyTorch 1.13 compute for the same network, weights, input, surrogate and
 * loss: identical output spikes, and the membranes, the loss and every parameter gradient (BPTT) within a
 * relative error of 1e-5 (see {@link Compare} for the measure; floor 1e-6).
 *
 * <p>The cases, their networks and snnTorch's numbers are in {@code src/test/resources/golden}, written by
 * {@code benchmarks/peers/make_goldens.py} (each case's JSON says what it covers). Networks are rebuilt from the
 * case's layer specs through {@code Layers.create}, so the spec path of every layer type is exercised too; the
 * initial weights are then copied in by PyTorch parameter name. A case is skipped only while one of its layer
 * types is not registered.
 */
class SnnTorchGoldenTest {

    static List<String> cases() {
        return GoldenCase.names();
    }

    @Test
    void everyCaseTheIssueAsksForIsPresent() {
        List<String> names = cases();
        for (String required : List.of("leaky_subtract", "leaky_zero", "leaky_none", "leaky_nodelay",
                "leaky_learn", "synaptic", "rleaky", "rleaky_v", "rsynaptic", "conv2d", "surr_fast_sigmoid",
                "surr_sigmoid", "surr_triangular", "surr_ste", "surr_atan_alpha3", "loss_ce_rate", "loss_mse_count",
                "loss_mse_membrane", "loss_ce_max_membrane")) {
            assertTrue(names.contains(required), "missing golden case " + required);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesSnnTorch(String name) {
        GoldenRunner.assertMatches(GoldenCase.load(name));
    }
}
