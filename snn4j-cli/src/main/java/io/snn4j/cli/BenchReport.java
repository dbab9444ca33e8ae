package io.snn4j.cli;

import io.snn4j.bench.neurobench.Breakdown;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The {@code report.html} of {@code snn4j bench}: a self-contained page with the metrics table (NeuroBench's keys)
 * and, when the run recorded activity, bars per layer: activation sparsity, and effective against dense synaptic
 * operations.
 */
final class BenchReport {
    private BenchReport() {
    }

    /**
     * @param title     page heading
     * @param about     label/value rows describing the run (model, task, data), in order
     * @param values    the metric values, keyed as NeuroBench keys them (nested maps for SynapticOperations etc.)
     * @param breakdown per-layer numbers, or null
     * @param extra     label/value rows of task results beyond the metrics (e.g. per-repeat sMAPE), or empty
     */
    static String html(String title, Map<String, String> about, Map<String, Object> values, Breakdown breakdown,
                       Map<String, String> extra) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Report.esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:860px;margin:2em auto;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:2px 12px 2px 0;text-align:left}"
                        + "td:first-child{color:#555}td.n{text-align:right;font-family:monospace}\n")
                .append("img{display:block;margin:1em 0;max-width:100%}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(Report.esc(title)).append("</h1>\n");
        table(s, about);
        s.append("<h2>Metrics</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> x : m.entrySet()) {
                    row(s, e.getKey() + " / " + x.getKey(), x.getValue());
                }
            } else {
                row(s, e.getKey(), e.getValue());
            }
        }
        s.append("</table>\n");
        if (!extra.isEmpty()) {
            s.append("<h2>Task results</h2>\n");
            table(s, extra);
        }
        if (breakdown != null && (!breakdown.neurons().isEmpty() || !breakdown.synapses().isEmpty())) {
            s.append("<h2>Per layer</h2>\n<p>Per sample, over ").append(breakdown.samples())
                    .append(" samples. Energy uses ").append(Report.esc(costs(breakdown))).append(".</p>\n");
            if (!breakdown.neurons().isEmpty()) {
                s.append(Report.img(sparsityChart(breakdown), "activation sparsity per layer"));
            }
            if (!breakdown.synapses().isEmpty()) {
                s.append(Report.img(opsChart(breakdown), "synaptic operations per layer"));
            }
            s.append("<table>\n<tr><th>layer</th><th>type</th><th>effective MACs</th><th>effective ACs</th>"
                    + "<th>dense</th><th>energy (pJ)</th></tr>\n");
            for (Breakdown.SynapseRow r : breakdown.synapses()) {
                s.append("<tr><td>").append(Report.esc(r.name())).append("</td><td>").append(Report.esc(r.type()))
                        .append("</td><td class=\"n\">").append(num(r.effectiveMacs())).append("</td><td class=\"n\">")
                        .append(num(r.effectiveAcs())).append("</td><td class=\"n\">")
                        .append(num(r.denseMacs() + r.denseAcs())).append("</td><td class=\"n\">")
                        .append(num(r.energyPj())).append("</td></tr>\n");
            }
            s.append("</table>\n<table>\n<tr><th>layer</th><th>type</th><th>activation sparsity</th>"
                    + "<th>spikes</th><th>membrane updates</th><th>energy (pJ)</th></tr>\n");
            for (Breakdown.NeuronRow r : breakdown.neurons()) {
                s.append("<tr><td>").append(Report.esc(r.name())).append("</td><td>").append(Report.esc(r.type()))
                        .append("</td><td class=\"n\">").append(num(r.activationSparsity()))
                        .append("</td><td class=\"n\">").append(num(r.activationsPerSample()))
                        .append("</td><td class=\"n\">").append(num(r.membraneUpdates()))
                        .append("</td><td class=\"n\">").append(num(r.energyPj())).append("</td></tr>\n");
            }
            s.append("</table>\n");
        }
        s.append("<p>Metric definitions and every difference from NeuroBench: docs/neurobench.md.</p>\n");
        s.append("</body>\n</html>\n");
        return s.toString();
    }

    private static String costs(Breakdown b) {
        return String.format(Locale.ROOT, "%s pJ per MAC, %s per AC, %s per neuron update, %s per memory access",
                num(b.energyCosts().macPj()), num(b.energyCosts().acPj()), num(b.energyCosts().neuronUpdatePj()),
                num(b.energyCosts().memoryAccessPj()));
    }

    private static void table(StringBuilder s, Map<String, String> rows) {
        s.append("<table>\n");
        for (Map.Entry<String, String> e : rows.entrySet()) {
            s.append("<tr><td>").append(Report.esc(e.getKey())).append("</td><td>").append(Report.esc(e.getValue()))
                    .append("</td></tr>\n");
        }
        s.append("</table>\n");
    }

    private static void row(StringBuilder s, String key, Object v) {
        s.append("<tr><td>").append(Report.esc(key)).append("</td><td class=\"n\">")
                .append(Report.esc(v instanceof Number n ? num(n.doubleValue()) : String.valueOf(v)))
                .append("</td></tr>\n");
    }

    /** A number as people read it: whole numbers without decimals, others to 6 significant digits. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(760).height(340).title(title).xAxisTitle("layer")
                .yAxisTitle(yTitle).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisLabelRotation(20);
        return c;
    }

    private static CategoryChart sparsityChart(Breakdown b) {
        CategoryChart c = chart("Activation sparsity per layer (share of zero outputs)", "sparsity");
        List<String> names = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (Breakdown.NeuronRow r : b.neurons()) {
            names.add(r.name() + " (" + r.type() + ")");
            v.add(r.activationSparsity());
        }
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setLegendVisible(false);
        c.addSeries("activation sparsity", names, v).setFillColor(new Color(0x3182BD));
        return c;
    }

    private static CategoryChart opsChart(Breakdown b) {
        CategoryChart c = chart("Synaptic operations per sample", "operations");
        List<String> names = new ArrayList<>();
        List<Double> eff = new ArrayList<>();
        List<Double> dense = new ArrayList<>();
        for (Breakdown.SynapseRow r : b.synapses()) {
            names.add(r.name() + " (" + r.type() + ")");
            eff.add(r.effectiveMacs() + r.effectiveAcs());
            dense.add(r.denseMacs() + r.denseAcs());
        }
        c.addSeries("effective (MACs + ACs)", names, eff).setFillColor(new Color(0x31A354));
        c.addSeries("dense", names, dense).setFillColor(new Color(0xBDBDBD));
        return c;
    }
}
