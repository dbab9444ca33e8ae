package io.snn4j.bench.speed;

import java.util.Locale;
import java.util.Map;

/**
 * The CUBA simulation's timing and activity, from snn4j or from Brian2.
 *
 * @param simMs        median wall time of one simulation of the whole duration, milliseconds (snn4j: after
 *                     warm-up; Brian2: of its {@code run()} calls)
 * @param firstMs      wall time of the first simulation in the process, milliseconds (snn4j: JIT compilation
 *                     included; Brian2: code generation included)
 * @param rateHz       mean firing rate, spikes per neuron per simulated second
 * @param spikes       total number of spikes
 * @param synapses     number of synapses drawn
 * @param peakMemoryMb snn4j: peak heap occupancy (as {@link SpeedResult}), MiB; Brian2: the Python process's peak
 *                     resident set size, MiB
 */
public record CubaResult(double simMs, double firstMs, double rateHz, long spikes, long synapses,
                         double peakMemoryMb) {

    /**
     * The line {@code snn4j speed --workload cuba} prints:
     * {@code workload=cuba sim_ms=X first_ms=Y rate_hz=R spikes=S synapses=K peak_heap_mb=M}.
     */
    public String line() {
        return String.format(Locale.ROOT, "workload=cuba sim_ms=%.2f first_ms=%.2f rate_hz=%.3f spikes=%d "
                + "synapses=%d peak_heap_mb=%.1f", simMs, firstMs, rateHz, spikes, synapses, peakMemoryMb);
    }

    /** Whether the mean rate lies in the range a correct CUBA simulation gives ({@link Cuba.Run#rateInRange}). */
    public boolean rateInRange() {
        return Cuba.Run.rateInRange(rateHz);
    }

    /**
     * Parses a line as printed by {@link #line()} or by {@code benchmarks/peers/brian2_cuba.py} (whose memory
     * field is {@code peak_rss_mb}).
     *
     * @throws IllegalArgumentException naming the line when a field is missing or not a number
     */
    public static CubaResult parse(String line) {
        Map<String, String> f = SpeedResult.fields(line);
        if (!"cuba".equals(f.get("workload"))) {
            throw new IllegalArgumentException("not a cuba line (workload=cuba expected): " + line);
        }
        String mem = f.containsKey("peak_heap_mb") ? "peak_heap_mb" : "peak_rss_mb";
        return new CubaResult(number(f, "sim_ms", line), number(f, "first_ms", line), number(f, "rate_hz", line),
                (long) number(f, "spikes", line), (long) number(f, "synapses", line), number(f, mem, line));
    }

    private static double number(Map<String, String> f, String key, String line) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("cuba line lacks '" + key + "=': " + line);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cuba line has a non-numeric " + key + "='" + v + "': " + line, e);
        }
    }
}
