package io.snn4j.bench.neurobench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.core.Tensor;
import io.snn4j.data.io.Npy;
import io.snn4j.nir.NirFile;
import io.snn4j.nir.convert.ConversionOptions;
import io.snn4j.nir.convert.Converted;
import io.snn4j.nir.convert.NirToSnn;
import io.snn4j.nir.convert.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared snnTorch oracles ({@code ../shared/data/snntorch-oracles}): each NIR network read with the
 * {@code snntorch} preset and benchmarked on its input as one batch gives NeuroBench 2.3's ConnectionSparsity,
 * ParameterCount, ActivationSparsity, SynapticOperations and MembraneUpdates ({@code NAME.neurobench.json}) to
 * 1e-9 relative. For {@code rec} this includes NeuroBench counting the zero-reset RLeaky's recurrent map twice per
 * step.
 */
class NbOracleTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ff2", "ff3", "syn", "rec"})
    void sameAsNeuroBench(String name) throws Exception {
        Path dir = NbCases.sharedDir("snntorch-oracles");
        Assumptions.assumeTrue(dir != null && Files.exists(dir.resolve(name + ".neurobench.json")),
                "../shared/data/snntorch-oracles absent");
        Converted c = NirToSnn.convert(NirFile.read(dir.resolve(name + ".nir")).graph(),
                ConversionOptions.of(Preset.SNNTORCH));
        Tensor x = Npy.read(dir.resolve(name + ".input.npy")).toTensor();
        JsonNode want = new ObjectMapper().readTree(dir.resolve(name + ".neurobench.json").toFile());
        Results r = NeuroBench.run(c.network(), List.of(NeuroBench.batchFromTimeMajor(x, null)),
                List.of("connection_sparsity", "parameter_count", "activation_sparsity", "synaptic_operations",
                        "membrane_updates"));
        for (String k : List.of("ConnectionSparsity", "ParameterCount", "ActivationSparsity", "SynapticOperations",
                "MembraneUpdates")) {
            NeuroBenchHarnessTest.compare(name + " " + k, want.get(k), r.get(k), 1e-9, false);
        }
        assertEquals(x.dim(1), r.samples());
    }
}
