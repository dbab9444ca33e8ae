package io.snn4j.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our transforms against tonic's own outputs. {@code src/test/resources/tonic} was written by
 * {@code benchmarks/peers/tonic_goldens.py}, which ran tonic (transforms, functional, slicers as released) on
 * fixed inputs; {@code cases.json} lists each case. Every case must agree exactly: dtype, shape and each value
 * (the float64 voxel grids bit for bit).
 */
class TonicGoldenTest {

    static JsonNode manifest() throws IOException {
        try (InputStream in = TonicGoldenTest.class.getResourceAsStream("/tonic/cases.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static NdArray npy(String name) {
        InputStream in = TonicGoldenTest.class.getResourceAsStream("/tonic/" + name + ".npy");
        if (in == null) {
            throw new AssertionError("missing golden file " + name + ".npy");
        }
        try (in) {
            return Npy.read(in, name + ".npy");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Events input(JsonNode c) {
        JsonNode s = c.get("sensor");
        SensorSize sensor = new SensorSize(s.get(0).asInt(), s.get(1).asInt(), s.get(2).asInt());
        if (c.has("file")) { // a file tonic's own reader read: ours must read the same events
            String f = c.get("file").asText();
            try (InputStream in = TonicGoldenTest.class.getResourceAsStream("/tonic/" + f)) {
                return EventFiles.read(in.readAllBytes(), f, ReadOptions.DEFAULT).withSensorSize(sensor);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        Events e = Events.fromNdArray(npy("in_" + c.get("input").asText()), sensor);
        return c.get("no_y").asBoolean() ? Events.of1d(e.timestamps(), e.xs(), e.polarities(), sensor) : e;
    }

    /** Runs one case with snn4j: the same transform and parameters tonic ran. */
    static NdArray ours(JsonNode c, Events ev) {
        JsonNode p = c.get("params");
        switch (c.get("transform").asText()) {
            case "ToFrame" -> {
                ToFrame f;
                if (p.has("time_window")) {
                    f = ToFrame.timeWindow(p.get("time_window").asDouble());
                } else if (p.has("event_count")) {
                    f = ToFrame.eventCount(p.get("event_count").asInt());
                } else if (p.has("n_time_bins")) {
                    f = ToFrame.nTimeBins(p.get("n_time_bins").asInt());
                } else {
                    f = ToFrame.nEventBins(p.get("n_event_bins").asInt());
                }
                if (p.has("overlap")) {
                    f.overlap(p.get("overlap").asDouble());
                }
                if (p.has("include_incomplete")) {
                    f.includeIncomplete(p.get("include_incomplete").asBoolean());
                }
                if (p.has("start_time")) {
                    f.startTime(p.get("start_time").asDouble());
                }
                if (p.has("end_time")) {
                    f.endTime(p.get("end_time").asDouble());
                }
                return f.apply(ev).toNdArray();
            }
            case "read" -> {
                return ev.toNdArray();
            }
            case "Denoise" -> {
                return Transforms.denoise(ev, p.get("filter_time").asDouble()).toNdArray();
            }
            case "RefractoryPeriod" -> {
                return Transforms.refractoryPeriod(ev, p.get("delta").asDouble()).toNdArray();
            }
            case "Downsample" -> {
                double tf = p.has("time_factor") ? p.get("time_factor").asDouble() : 1;
                if (p.has("target_size")) {
                    return Transforms.downsampleTo(ev, tf, p.get("target_size").get(0).asInt(),
                            p.get("target_size").get(1).asInt()).toNdArray();
                }
                JsonNode sf = p.get("spatial_factor");
                double fx = sf == null ? 1 : sf.isArray() ? sf.get(0).asDouble() : sf.asDouble();
                double fy = sf == null ? 1 : sf.isArray() ? sf.get(1).asDouble() : sf.asDouble();
                return Transforms.downsample(ev, tf, fx, fy).toNdArray();
            }
            case "CropTime" -> {
                return Transforms.cropTime(ev, p.get("min").asLong(),
                        p.has("max") ? p.get("max").asLong() : null).toNdArray();
            }
            case "ToVoxelGrid" -> {
                return Transforms.toVoxelGrid(ev, p.get("n_time_bins").asInt());
            }
            default -> throw new AssertionError("unknown transform " + c.get("transform"));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesTonic() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : manifest().get("cases")) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                NdArray want = npy(name);
                NdArray got = ours(c, input(c));
                assertEquals(want.dtype(), got.dtype(), name + ": dtype");
                assertArrayEquals(want.shape(), got.shape(), name + ": shape");
                if (want.dtype().isFloat()) {
                    double[] w = want.toDoubles();
                    double[] g = got.toDoubles();
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(Double.doubleToLongBits(w[i]), Double.doubleToLongBits(g[i]),
                                name + ": element " + i + " is " + g[i] + ", tonic has " + w[i]);
                    }
                } else {
                    assertArrayEquals(want.toLongs(), got.toLongs(), name + ": values");
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void manifestCoversTheQuirkCases() throws IOException {
        List<String> names = new ArrayList<>();
        manifest().get("cases").forEach(c -> names.add(c.get("name").asText()));
        assertTrue(names.size() >= 40, "cases: " + names.size());
        for (String must : List.of("nmnist_read", "frame_empty_tw10", "frame_one_ntb3", "frame_a_tw10", "frame_noy_tw20",
                "voxel_a_3", "denoise_a_5", "refractory_a_0", "croptime_a_15")) {
            assertTrue(names.contains(must), must);
        }
    }
}
