package io.snn4j.cli;

import io.snn4j.core.Tensor;
import io.snn4j.core.train.EpochMetrics;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run report: one self-contained HTML file (charts are PNGs inlined as base64) with the loss and accuracy
 * curves, a spike raster per spiking layer and the output membranes for one test sample, and the test
 * confusion matrix.
 */
final class Report {
    static {
        // Charts render off-screen; a server without a display must not try to open one.
        System.setProperty("java.awt.headless", "true");
    }

    private static final int W = 720;
    private static final int H = 360;

    /**
     * What the report shows.
     *
     * @param title      heading, e.g. "snn4j demo: digits"
     * @param summary    label/value rows shown first (accuracy, timings, ...), in order
     * @param history    per-epoch metrics
     * @param valLabel   what the validation columns of {@code history} measured ("test" or "validation")
     * @param spikes     per spiking layer (by display name): its spikes {@code [T, 1, N]} for the sample
     * @param membranes  the output layer's membrane {@code [T, 1, C]} for the sample, or null
     * @param sampleNote e.g. "test sample 0: digit 3, predicted 3"
     * @param confusion  {@code [C][C]}, rows true class, columns predicted
     * @param configYaml the config as text (shown at the end), or null
     * @param input      the sample's input as the network saw it, {@code [T, 1, ...]}, or null
     * @param inputShape the shape of one step of {@code input} before any flattening ({@code [P, H, W]} frames,
     *                   {@code [1, H, W]} images, {@code [C]} channels), or null
     */
    record Data(String title, Map<String, String> summary, List<EpochMetrics> history, String valLabel,
                Map<String, Tensor> spikes, Tensor membranes, String sampleNote, int[][] confusion,
                String configYaml, Tensor input, int[] inputShape) {

        Data(String title, Map<String, String> summary, List<EpochMetrics> history, String valLabel,
             Map<String, Tensor> spikes, Tensor membranes, String sampleNote, int[][] confusion, String configYaml) {
            this(title, summary, history, valLabel, spikes, membranes, sampleNote, confusion, configYaml, null, null);
        }
    }

    private Report() {
    }

    static String html(Data d) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(d.title())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:760px;margin:2em auto;color:#222}\n")
                .append("table{border-collapse:collapse}td{padding:2px 12px 2px 0}td:first-child{color:#555}\n")
                .append("img{display:block;margin:1em 0;max-width:100%}pre{background:#f4f4f4;padding:1em;"
                        + "overflow-x:auto}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(esc(d.title())).append("</h1>\n<table>\n");
        for (Map.Entry<String, String> e : d.summary().entrySet()) {
            s.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(e.getValue()))
                    .append("</td></tr>\n");
        }
        s.append("</table>\n");

        if (!d.history().isEmpty()) {
            s.append("<h2>Training</h2>\n");
            s.append(img(lossChart(d.history(), d.valLabel()), "loss per epoch"));
            s.append(img(accuracyChart(d.history(), d.valLabel()), "accuracy per epoch"));
        }

        s.append("<h2>One ").append("test sample</h2>\n<p>").append(esc(d.sampleNote())).append("</p>\n");
        if (d.input() != null && d.inputShape() != null) {
            s.append(inputPicture(d.input(), d.inputShape()));
        }
        for (Map.Entry<String, Tensor> e : d.spikes().entrySet()) {
            XYChart raster = rasterChart(e.getKey(), e.getValue());
            if (raster == null) {
                s.append("<p>").append(esc(e.getKey())).append(": no spikes for this sample.</p>\n");
            } else {
                s.append(img(raster, "spike raster of " + e.getKey()));
            }
        }
        if (d.membranes() != null) {
            s.append(img(membraneChart(d.membranes()), "output membrane potentials"));
        }

        if (d.confusion() != null) {
            s.append("<h2>Confusion matrix (test split)</h2>\n");
            s.append(img(confusionChart(d.confusion()), "confusion matrix"));
        }
        if (d.configYaml() != null) {
            s.append("<h2>Configuration</h2>\n<pre>").append(esc(d.configYaml())).append("</pre>\n");
        }
        s.append("</body>\n</html>\n");
        return s.toString();
    }

    /** Panels of at most this many time groups in an input picture. */
    static final int MAX_PANELS = 8;

    /**
     * The input sample as a picture: frames ({@code [P, H, W]}, P above 1, H and W above 1) as up to
     * {@link #MAX_PANELS} panels, each the sum over a group of consecutive time steps (two planes: ON events blue,
     * OFF red; more: their sum in grey); images ({@code [1, H, W]}) as one picture of the counts over all steps in
     * grey; drawn pixel for pixel, enlarged. One-dimensional inputs become a raster of time against input channel.
     */
    static String inputPicture(Tensor input, int[] shape) {
        int steps = input.dim(0);
        int per = input.size() / steps;
        if (Tensor.sizeOf(shape) != per) {
            throw new IllegalArgumentException("input shape " + java.util.Arrays.toString(shape) + " does not hold "
                    + per + " values per step");
        }
        if (shape.length >= 2 && shape[shape.length - 1] > 1 && shape[shape.length - 2] > 1) {
            int w = shape[shape.length - 1];
            int h = shape[shape.length - 2];
            int planes = per / (w * h);
            // event frames change over time: panels; one plane (a rate-coded image): one picture of the counts
            int panels = planes == 1 ? 1 : Math.min(MAX_PANELS, steps);
            float[][] sum = new float[panels][planes * h * w];
            float[] v = input.data();
            float max = 0;
            for (int t = 0; t < steps; t++) {
                float[] dst = sum[(int) ((long) t * panels / steps)];
                for (int i = 0; i < per; i++) {
                    dst[i] += v[t * per + i];
                }
            }
            for (float[] a : sum) {
                for (float f : a) {
                    max = Math.max(max, f);
                }
            }
            int scale = Math.max(1, Math.min(20, 160 / Math.max(w, h)));
            int gap = 6;
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(panels * (w * scale + gap) - gap,
                    h * scale, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int k = 0; k < panels; k++) {
                for (int yy = 0; yy < h; yy++) {
                    for (int xx = 0; xx < w; xx++) {
                        int rgb = pixel(sum[k], planes, h * w, yy * w + xx, max);
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                img.setRGB(k * (w * scale + gap) + xx * scale + dx, yy * scale + dy, rgb);
                            }
                        }
                    }
                }
                for (int yy = 0; k < panels - 1 && yy < h * scale; yy++) {
                    for (int dx = 0; dx < gap; dx++) {
                        img.setRGB(k * (w * scale + gap) + w * scale + dx, yy, 0xCCCCCC);
                    }
                }
            }
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            try {
                javax.imageio.ImageIO.write(img, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException("report: cannot encode the input picture", e);
            }
            String what = (planes == 2 ? "event frames (ON blue, OFF red)" : planes == 1 ? "spikes per pixel"
                    : planes + "-channel frames") + ", " + w + "x" + h + ", " + steps + " time step"
                    + (steps == 1 ? "" : "s") + (panels < steps ? " summed into " + panels + " panel"
                    + (panels == 1 ? "" : "s") : "");
            return "<p>Input: " + esc(what) + ".</p>\n" + pngTag(png.toByteArray(), "input: " + what);
        }
        XYChart raster = rasterChart("input", input);
        return raster == null ? "<p>Input: no spikes in this sample.</p>\n" : img(raster, "input spike raster");
    }

    /** One pixel: two planes as ON (blue) / OFF (red), otherwise the planes' sum in grey; white is zero. */
    private static int pixel(float[] a, int planes, int plane, int i, float max) {
        if (max <= 0) {
            return 0xFFFFFF;
        }
        if (planes == 2) {
            float off = Math.min(1f, Math.abs(a[i]) / max);
            float on = Math.min(1f, Math.abs(a[plane + i]) / max);
            int r = 255 - (int) (255 * on);
            int g = 255 - (int) (255 * Math.max(on, off));
            int b = 255 - (int) (255 * off);
            return r << 16 | g << 8 | b;
        }
        float s = 0;
        for (int p = 0; p < planes; p++) {
            s += Math.abs(a[p * plane + i]);
        }
        int grey = 255 - (int) (255 * Math.min(1f, s / (max * planes)));
        return grey << 16 | grey << 8 | grey;
    }

    /** The chart as an inline PNG {@code <img>} (the reports are self-contained). */
    static String img(Chart<?, ?> chart, String alt) {
        try {
            return pngTag(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), alt);
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot render the chart '" + alt + "'", e);
        }
    }

    private static String pngTag(byte[] png, String alt) {
        return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">\n";
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return c;
    }

    private static XYChart lossChart(List<EpochMetrics> h, String valLabel) {
        XYChart c = xy("Loss", "epoch", "loss");
        addCurve(c, "train", h, EpochMetrics::trainLoss);
        addCurve(c, valLabel, h, EpochMetrics::valLoss);
        return c;
    }

    private static XYChart accuracyChart(List<EpochMetrics> h, String valLabel) {
        XYChart c = xy("Accuracy", "epoch", "accuracy");
        addCurve(c, "train", h, EpochMetrics::trainAcc);
        addCurve(c, valLabel, h, EpochMetrics::valAcc);
        return c;
    }

    private static void addCurve(XYChart c, String name, List<EpochMetrics> h,
                                 java.util.function.ToDoubleFunction<EpochMetrics> f) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochMetrics m : h) {
            double v = f.applyAsDouble(m);
            if (Double.isFinite(v)) {
                x.add(m.epoch() + 1.0);
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            c.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /** Null when the layer did not spike. */
    private static XYChart rasterChart(String name, Tensor spikes) {
        int steps = spikes.dim(0);
        int n = spikes.size() / steps;
        float[] v = spikes.data();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                if (v[t * n + i] != 0f) {
                    x.add((double) t);
                    y.add((double) i);
                }
            }
        }
        if (x.isEmpty()) {
            return null;
        }
        XYChart c = xy("Spikes: " + name + " (" + n + " neurons, " + x.size() + " spikes)", "time step", "neuron");
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setMarkerSize(n > 64 ? 3 : 5);
        c.getStyler().setXAxisMin(-0.5);
        c.getStyler().setXAxisMax(steps - 0.5);
        c.getStyler().setYAxisMin(-0.5);
        c.getStyler().setYAxisMax(n - 0.5);
        c.addSeries("spikes", x, y).setMarker(SeriesMarkers.SQUARE).setMarkerColor(Color.BLACK);
        return c;
    }

    private static XYChart membraneChart(Tensor mem) {
        int steps = mem.dim(0);
        int n = mem.size() / steps;
        float[] v = mem.data();
        XYChart c = xy("Output membrane potentials (one neuron per class)", "time step", "membrane");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(0);
        for (int i = 0; i < n; i++) {
            double[] x = new double[steps];
            double[] y = new double[steps];
            for (int t = 0; t < steps; t++) {
                x[t] = t;
                // XChart refuses infinities; a diverged membrane shows as a gap.
                y[t] = Float.isFinite(v[t * n + i]) ? v[t * n + i] : Double.NaN;
            }
            c.addSeries("class " + i, x, y).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    private static HeatMapChart confusionChart(int[][] cm) {
        int k = cm.length;
        HeatMapChart c = new HeatMapChartBuilder().width(560).height(520)
                .title("rows: true class, columns: predicted").xAxisTitle("predicted").yAxisTitle("true").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(true);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            labels.add(i);
        }
        // The y axis grows upwards; listing true classes in reverse puts class 0 at the top, as usual.
        List<Integer> yLabels = new ArrayList<>(labels);
        java.util.Collections.reverse(yLabels);
        List<Number[]> cells = new ArrayList<>();
        int max = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, cm[t][p]});
                max = Math.max(max, cm[t][p]);
            }
        }
        c.getStyler().setMin(0);
        c.getStyler().setMax(max);
        c.addSeries("confusion", labels, yLabels, cells);
        return c;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
