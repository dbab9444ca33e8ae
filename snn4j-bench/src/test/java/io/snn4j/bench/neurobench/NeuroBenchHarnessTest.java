package io.snn4j.bench.neurobench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.snn4j.core.layer.Sequential;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NeuroBench's harness ({@code Benchmark.run}) on networks with weights drawn by
 * {@code benchmarks/peers/neurobench_check.py}, several batches of different sizes, against what NeuroBench 2.3
 * reported for the same weights and data: the same keys in the same order and the same values (counts exactly up
 * to the last bit of the division; MSE, sMAPE and R2, which NeuroBench computes in float32, to 1e-6).
 */
class NeuroBenchHarnessTest {

    /** NeuroBench's float32 metrics; everything else is a ratio of integers. */
    private static final Set<String> FLOAT32 = Set.of("MSE", "SMAPE", "R2");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conv", "rec_zero", "rsyn_sub", "syn_ops", "ann"})
    void sameNumbersAsNeuroBench(String name) {
        JsonNode c = NbCases.load(name);
        Sequential net = NbCases.network(c);
        JsonNode expected = c.get("results");
        List<String> statics = new ArrayList<>();
        List<String> workload = new ArrayList<>();
        for (Iterator<String> it = expected.fieldNames(); it.hasNext();) {
            String k = it.next();
            (Metrics.isStatic(k) ? statics : workload).add(k);
        }
        List<Postprocessor> post = switch (c.get("postprocessor").asText()) {
            case "choose_max_count" -> List.of(Postprocessor.chooseMaxCount());
            case "aggregate" -> List.of(Postprocessor.aggregate());
            default -> List.of();
        };
        BenchModel model = c.get("time_axis").asBoolean() ? new SnnModel(net) : SnnModel.withoutTimeAxis(net);
        Results r = new Benchmark(model, NbCases.batches(c), List.of(), post, statics, workload).run();

        assertEquals(new ArrayList<>(toList(expected.fieldNames())), new ArrayList<>(r.values().keySet()),
                name + ": keys and their order");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            double tol = FLOAT32.contains(e.getKey()) ? 1e-6 : 1e-12;
            compare(name + " " + e.getKey(), e.getValue(), r.get(e.getKey()), tol, true);
        }
        assertEquals(c.get("fresh").get("Footprint").asLong(), r.get("Footprint"), name + ": fresh footprint");
    }

    private static List<String> toList(Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    /** Numbers to {@code relTol}; maps key by key ({@code ordered}: in the same order). */
    static void compare(String what, JsonNode expected, Object actual, double relTol, boolean ordered) {
        if (expected.isObject()) {
            Map<?, ?> m = assertInstanceOf(Map.class, actual, what);
            List<String> keys = new ArrayList<>(m.keySet().stream().map(Object::toString).toList());
            List<String> want = toList(expected.fieldNames());
            if (!ordered) {
                keys.sort(null);
                want.sort(null);
            }
            assertEquals(want, keys, what + ": keys");
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                compare(what + "." + e.getKey(), e.getValue(), m.get(e.getKey()), relTol, ordered);
            }
            return;
        }
        double want = expected.asDouble();
        double got = assertInstanceOf(Number.class, actual, what).doubleValue();
        double err = Math.abs(want - got);
        assertTrue(err <= relTol * Math.max(1e-300, Math.abs(want)) || err == 0,
                what + ": NeuroBench " + want + ", snn4j " + got);
    }
}
