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

    private static java.awt.image.BufferedImage decode(String html) throws java.io.IOException {
        int a = html.indexOf("src=\"data:image/png;base64,") + "src=\"data:image/png;base64,".length();
        byte[] png = java.util.Base64.getDecoder().decode(html.substring(a, html.indexOf('"', a)));
        return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    }

    @Test
    void eventFramesArePanelsOfOnAndOffPixels() throws java.io.IOException {
        // T = 2, [P=2, H=3, W=4]: an OFF event at (x=1, y=0) at t=0, an ON event at (x=3, y=2) at t=1
        Tensor x = new Tensor(2, 1, 2, 3, 4);
        x.set(1f, 0, 0, 0, 0, 1);
        x.set(1f, 1, 0, 1, 2, 3);
        String html = Report.inputPicture(x, new int[] {2, 3, 4});
        assertTrue(html.contains("<p>Input: event frames (ON blue, OFF red), 4x3, 2 time steps.</p>"), html);
        java.awt.image.BufferedImage img = decode(html);
        int scale = 20; // 160 px / 4, at most 20
        assertEquals(2 * 4 * scale + 6, img.getWidth(), "two panels and a gap");
        assertEquals(3 * scale, img.getHeight());
        assertEquals(0xFF0000, img.getRGB(1 * scale, 0) & 0xFFFFFF, "OFF is red");
        assertEquals(0xFFFFFF, img.getRGB(0, 0) & 0xFFFFFF, "no event is white");
        int second = 4 * scale + 6;
        assertEquals(0x0000FF, img.getRGB(second + 3 * scale, 2 * scale) & 0xFFFFFF, "ON is blue");
        assertEquals(0xFFFFFF, img.getRGB(second + 1 * scale, 0) & 0xFFFFFF, "t=0's event not in panel 2");
    }

    @Test
    void longInputsAreSummedIntoAtMostEightPanelsAndChannelsBecomeARaster() throws java.io.IOException {
        Tensor img = new Tensor(20, 1, 1, 5, 5);
        for (int t = 0; t < 20; t++) {
            img.set(1f, t, 0, 0, 2, 2);
        }
        img.set(1f, 3, 0, 0, 0, 0);
        String html = Report.inputPicture(img, new int[] {1, 5, 5});
        assertTrue(html.contains("spikes per pixel, 5x5, 20 time steps summed into 1 panel."), html);
        java.awt.image.BufferedImage pic = decode(html);
        assertEquals(5 * 20, pic.getWidth());
        assertEquals(0x000000, pic.getRGB(2 * 20, 2 * 20) & 0xFFFFFF, "the brightest pixel is black");
        int grey = pic.getRGB(0, 0) & 0xFF;
        assertEquals(255 - (int) (255 / 20f), grey, "1 of 20 spikes: light grey");
        Tensor frames = new Tensor(20, 1, 2, 5, 5);
        frames.set(1f, 19, 0, 1, 4, 4);
        assertTrue(Report.inputPicture(frames, new int[] {2, 5, 5}).contains("20 time steps summed into 8 panels"));
        Tensor channels = Tensor.of(new float[] {0, 1, 0, 1, 0, 0}, 2, 1, 3);
        assertTrue(Report.inputPicture(channels, new int[] {3}).contains("alt=\"input spike raster\""));
        assertTrue(Report.inputPicture(new Tensor(2, 1, 3), new int[] {3}).contains("no spikes"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Report.inputPicture(channels, new int[] {4}));
    }
}
