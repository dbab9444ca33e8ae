package io.snn4j.bench.neurobench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.snn4j.core.Rng;
import io.snn4j.core.layer.Gru;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Lstm;
import io.snn4j.core.layer.Rnn;
import io.snn4j.core.layer.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LSTM, GRU and RNN layers stepped over time, against NeuroBench 2.3 counting {@code nn.LSTMCell},
 * {@code nn.GRUCell} and {@code nn.RNNCell} called at every step with their states (weights and data from
 * {@code neurobench/cells.json}): the same ConnectionSparsity, ParameterCount and effective operations. The dense
 * count equals NeuroBench's for GRU and RNN; for LSTM NeuroBench's dense count only binarises {@code h} and
 * {@code c} (zero at the first step), so snn4j's is larger by exactly the first step's {@code W_hh h} and
 * {@code f * c} products.
 */
class NbCellsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lstm", "gru", "rnn"})
    void sameCountsAsNeuroBench(String kind) {
        JsonNode c = NbCases.load("cells").get(kind);
        Rng rng = new Rng(1);
        int in = 5;
        int h = 4;
        Layer cell = switch (kind) {
            case "lstm" -> new Lstm(in, h, true, rng);
            case "gru" -> new Gru(in, h, true, rng);
            default -> new Rnn(in, h, true, rng);
        };
        Sequential net = new Sequential(cell);
        NbCases.setParams(net, c.get("params"));
        List<BenchBatch> data = NbCases.batches(c);
        Results r = new Benchmark(new SnnModel(net), data, List.of(), List.of(),
                List.of("connection_sparsity", "parameter_count"), List.of("synaptic_operations")).run();
        JsonNode want = c.get("results");
        assertEquals(want.get("ConnectionSparsity").asDouble(), r.get("ConnectionSparsity"));
        assertEquals(want.get("ParameterCount").asLong(), r.get("ParameterCount"));
        Map<?, ?> so = (Map<?, ?>) r.get("SynapticOperations");
        JsonNode ws = want.get("SynapticOperations");
        assertEquals(ws.get("Effective_MACs").asDouble(), (Double) so.get("Effective_MACs"), 1e-12, kind);
        assertEquals(ws.get("Effective_ACs").asDouble(), (Double) so.get("Effective_ACs"), 1e-12, kind);
        int steps = data.get(0).inputs().dim(1);
        int gates = switch (kind) {
            case "lstm" -> 4;
            case "gru" -> 3;
            default -> 1;
        };
        int products = switch (kind) {
            case "lstm" -> 2 * h + h; // f*c + i*g, o*tanh(c)
            case "gru" -> h + 2 * h;  // r*(W_hn h + b_hn), (1-z)*n + z*h
            default -> 0;
        };
        double densePerStep = gates * h * (in + h) + products;
        assertEquals(steps * densePerStep, (Double) so.get("Dense"), 1e-12, kind + ": every weight, every step");
        double nbMissing = kind.equals("lstm") ? gates * h * h + h : 0;
        assertEquals(ws.get("Dense").asDouble() + nbMissing, (Double) so.get("Dense"), 1e-12, kind);
        assertEquals(List.of("0"), new ArrayList<>(r.breakdown().synapses().stream().map(Breakdown.SynapseRow::name)
                .toList()));
    }
}
