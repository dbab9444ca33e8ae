package io.snn4j.data.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The '%' text header of Prophesee DAT and RAW (EVT 2.0 / 3.0) files: what kind of file it is and the sensor
 * geometry when the header gives it ({@code % Width 304} / {@code % Height 240}, {@code % geometry 1280x720},
 * {@code % format EVT3;height=720;width=1280}).
 */
final class PropheseeHeader {
    static final int MAX_HEADER = 1 << 20;
    static final int MAX_LINE = 1 << 16;

    final List<String> lines = new ArrayList<>();
    /** "2.0", "2.1", "3.0" from {@code % evt} or {@code % format}, or null (a DAT file). */
    String evt;
    int width = -1;
    int height = -1;

    /** Reads the '%' lines at the start of {@code in}, leaving it at the first byte of binary data. */
    static PropheseeHeader read(BinaryInput in) {
        PropheseeHeader h = new PropheseeHeader();
        while (in.peek() == '%') {
            if (in.position() > MAX_HEADER) {
                throw in.error(in.position(), "'%' header longer than 1 MiB: expected a few '%' text lines "
                        + "followed by binary events");
            }
            String line = in.line(MAX_LINE, "'%' header");
            String body = line.substring(1).trim();
            h.lines.add(body);
            h.parse(body);
            if (body.equalsIgnoreCase("end")) {
                break;
            }
        }
        return h;
    }

    private void parse(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.startsWith("evt ")) {
            evt = body.substring(4).trim();
        } else if (lower.startsWith("format ")) {
            String[] parts = body.substring(7).trim().split(";");
            String f = parts[0].trim().toUpperCase(Locale.ROOT);
            if (f.equals("EVT3")) {
                evt = "3.0";
            } else if (f.equals("EVT2")) {
                evt = "2.0";
            } else if (f.equals("EVT21")) {
                evt = "2.1";
            } else {
                evt = f;
            }
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2) {
                    setSize(kv[0].trim(), kv[1].trim());
                }
            }
        } else if (lower.startsWith("geometry ")) {
            String[] wh = body.substring(9).trim().split("x");
            if (wh.length == 2) {
                setSize("width", wh[0].trim());
                setSize("height", wh[1].trim());
            }
        } else if (lower.startsWith("width ") || lower.startsWith("height ")) {
            String[] kv = body.split("\\s+", 2);
            setSize(kv[0], kv[1].trim());
        }
    }

    private void setSize(String key, String value) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return; // not a size we understand: the events decide
        }
        if (v < 1 || v > 1 << 15) {
            return;
        }
        if (key.equalsIgnoreCase("width")) {
            width = v;
        } else if (key.equalsIgnoreCase("height")) {
            height = v;
        }
    }

    /** The declared sensor size (two polarities), or null when the header does not give both dimensions. */
    SensorSize sensorSize() {
        return width > 0 && height > 0 ? new SensorSize(width, height, 2) : null;
    }
}
