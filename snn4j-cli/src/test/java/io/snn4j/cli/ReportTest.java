package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.core.train.EpochMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static int images(String html) {
        return html.split("src=\"data:image/png;base64,", -1).length - 1;
    }

    @Test
    void silentLayersAreSaidInWordsAndDivergedMembranesStillRender() {
        Map<String, Tensor> spikes = new LinkedHashMap<>();
        spikes.put("layer 1 (leaky)", Tensor.of(new float[] {0, 1, 1, 0}, 2, 1, 2));
        spikes.put("layer 3 (leaky)", new Tensor(2, 1, 3));
        Tensor membranes = Tensor.of(new float[] {0.5f, Float.POSITIVE_INFINITY, -0.2f, 1f, Float.NaN, 0f}, 2, 1, 3);
        List<EpochMetrics> history = List.of(new EpochMetrics(0, 1.0, 0.5, Double.NaN, Double.NaN, 1, 1e-3),
                new EpochMetrics(1, 0.5, 0.8, Double.NaN, Double.NaN, 1, 1e-3));
        String html = Report.html(new Report.Data("t <&> t", Map.of("a", "b"), history, "test", spikes, membranes,
                "sample", new int[][] {{3, 1}, {0, 4}}, "data: {}"));
        assertTrue(html.contains("layer 3 (leaky): no spikes for this sample."), html);
        assertEquals(5, images(html), "loss, accuracy, one raster, membranes, confusion matrix");
        assertTrue(html.contains("<h1>t &lt;&amp;&gt; t</h1>"));
        assertFalse(html.contains("http"), "self-contained: no links to load");
    }
}
