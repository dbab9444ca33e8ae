package io.snn4j.bench.speed;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One workload's timings.
 *
 * @param workload     workload name
 * @param trainMs      median wall time of one training step (forward, backward, update), milliseconds
 * @param forwardMs    median wall time of one inference forward pass (nothing kept for backward), milliseconds
 * @param peakMemoryMb peak memory in MiB: for snn4j the peak heap occupancy while the workload ran (see
 *                     {@link SpeedRunner}), for the snnTorch peer the peak resident set size of its process
 * @param processRssMb the whole process's peak resident set size so far in MiB (Linux {@code VmHWM}; for snn4j
 *                     the JVM's, which includes any workloads measured before in the same process), or NaN when
 *                     unknown
 */
public record SpeedResult(String workload, double trainMs, double forwardMs, double peakMemoryMb,
        double processRssMb) {

    /** A result without the process's peak RSS. */
    public SpeedResult(String workload, double trainMs, double forwardMs, double peakMemoryMb) {
        this(workload, trainMs, forwardMs, peakMemoryMb, Double.NaN);
    }

    /**
     * The line {@code snn4j speed} prints: {@code workload=NAME train_ms=X forward_ms=Y peak_heap_mb=Z}, then
     * {@code peak_rss_mb=R} when the process's peak RSS is known.
     */
    public String line() {
        String l = String.format(Locale.ROOT, "workload=%s train_ms=%.2f forward_ms=%.2f peak_heap_mb=%.1f",
                workload, trainMs, forwardMs, peakMemoryMb);
        return Double.isNaN(processRssMb) ? l : l + String.format(Locale.ROOT, " peak_rss_mb=%.1f", processRssMb);
    }

    /**
     * Parses a {@code key=value} line as printed by {@link #line()} or by the snnTorch peer script (whose memory
     * field is {@code peak_rss_mb}).
     *
     * @throws IllegalArgumentException naming the line when a field is missing or not a number
     */
    public static SpeedResult parse(String line) {
        Map<String, String> f = fields(line);
        String mem = f.containsKey("peak_heap_mb") ? "peak_heap_mb" : "peak_rss_mb";
        double rss = f.containsKey("peak_rss_mb") ? number(f, "peak_rss_mb", line) : Double.NaN;
        return new SpeedResult(require(f, "workload", line), number(f, "train_ms", line),
                number(f, "forward_ms", line), number(f, mem, line), rss);
    }

    /** The {@code key=value} pairs of a line, in order; tokens without '=' are ignored. */
    public static Map<String, String> fields(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String tok : line.trim().split("\\s+")) {
            int eq = tok.indexOf('=');
            if (eq > 0) {
                m.put(tok.substring(0, eq), tok.substring(eq + 1));
            }
        }
        return m;
    }

    private static String require(Map<String, String> f, String key, String line) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("speed line lacks '" + key + "=': " + line);
        }
        return v;
    }

    private static double number(Map<String, String> f, String key, String line) {
        String v = require(f, key, line);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed line has a non-numeric " + key + "='" + v + "': " + line, e);
        }
    }
}
