package io.snn4j.bench.neurobench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark run produced: the metric values keyed as NeuroBench keys them (static metrics first, then
 * workload metrics, each in the order given), and the per-layer {@link Breakdown}.
 */
public final class Results {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Object> values;
    private final Breakdown breakdown;
    private final long batches;

    Results(Map<String, Object> values, Breakdown breakdown, long batches) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.breakdown = breakdown;
        this.batches = batches;
    }

    /**
     * Results made elsewhere (a task's own scores in NeuroBench's keys, e.g. {@code SMAPE} of the Mackey-Glass task),
     * to be written and reported like a harness run's.
     *
     * @param breakdown per-layer numbers, or null
     */
    public static Results of(Map<String, Object> values, Breakdown breakdown, long batches) {
        return new Results(values, breakdown, batches);
    }

    /** Metric name -> value ({@code Long}, {@code Double}, or a {@code Map} for SynapticOperations and the like). */
    public Map<String, Object> values() {
        return values;
    }

    /** One metric's value. */
    public Object get(String metric) {
        return values.get(metric);
    }

    /** Per-layer numbers, or null when the model recorded nothing (a static-only run on no data). */
    public Breakdown breakdown() {
        return breakdown;
    }

    public long samples() {
        return breakdown == null ? 0 : breakdown.samples();
    }

    public long batches() {
        return batches;
    }

    /** The metric values as JSON, as NeuroBench's {@code save_benchmark_results(..., "json")} writes them. */
    public String toJson() {
        return json(values);
    }

    /** Metric values, the run's size and the per-layer breakdown as one JSON document. */
    public String toDetailedJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metrics", values);
        m.put("batches", batches);
        m.put("layers", breakdown == null ? null : breakdown.toMap());
        return json(m);
    }

    /**
     * The metric values as CSV: one header line of metric names and one line of values. Values that are maps
     * (SynapticOperations, ...) become one column each, named {@code Metric.key} (NeuroBench writes the Python
     * dict's text into a single cell).
     */
    public String toCsv() {
        List<String> head = new ArrayList<>();
        List<String> row = new ArrayList<>();
        flatten("", values, head, row);
        return String.join(",", head) + "\n" + String.join(",", row) + "\n";
    }

    private static void flatten(String prefix, Map<?, ?> m, List<String> head, List<String> row) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> sub) {
                flatten(k + ".", sub, head, row);
            } else {
                head.add(csv(k));
                row.add(e.getValue() == null ? "" : csv(String.valueOf(e.getValue())));
            }
        }
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Writes {@link #toJson()} (temporary file, then renamed: never half-written). */
    public void writeJson(Path path) {
        writeAtomically(path, toJson());
    }

    /** Writes {@link #toDetailedJson()}. */
    public void writeDetailedJson(Path path) {
        writeAtomically(path, toDetailedJson());
    }

    /** Writes {@link #toCsv()}. */
    public void writeCsv(Path path) {
        writeAtomically(path, toCsv());
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write results as JSON: " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path path, String text) {
        try {
            io.snn4j.data.io.AtomicWrite.bytes(path, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
