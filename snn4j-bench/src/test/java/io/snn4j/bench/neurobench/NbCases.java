package io.snn4j.bench.neurobench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.LayerSpec;
import io.snn4j.core.layer.Layers;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases {@code benchmarks/peers/neurobench_check.py} wrote under {@code src/test/resources/neurobench}: networks
 * (as layer lists), their weights in PyTorch's names, the batches, and what NeuroBench 2.3 reported.
 */
final class NbCases {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NbCases() {
    }

    static JsonNode load(String name) {
        try (InputStream in = NbCases.class.getResourceAsStream("/neurobench/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource neurobench/" + name + ".json");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tensor tensor(JsonNode t) {
        JsonNode sh = t.get("shape");
        int[] shape = new int[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = sh.get(i).asInt();
        }
        JsonNode d = t.get("data");
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) d.get(i).asDouble();
        }
        return new Tensor(v, shape);
    }

    /** The case's network, built from its layer list, with its weights. */
    static Sequential network(JsonNode c) {
        List<Layer> layers = new ArrayList<>();
        Rng rng = new Rng(1);
        for (JsonNode l : c.get("layers")) {
            layers.add(Layers.create(spec(l), rng));
        }
        Sequential net = new Sequential(layers);
        setParams(net, c.get("params"));
        return net;
    }

    private static LayerSpec spec(JsonNode l) {
        String type = l.get("type").asText();
        Map<String, Object> m = new LinkedHashMap<>();
        switch (type) {
            case "conv2d":
                m.put("in_channels", l.get("in").asInt());
                m.put("out_channels", l.get("out").asInt());
                m.put("kernel_size", l.get("kernel").asInt());
                m.put("stride", l.get("stride").asInt());
                m.put("padding", l.get("padding").asInt());
                break;
            case "linear":
                m.put("in_features", l.get("in").asInt());
                m.put("out_features", l.get("out").asInt());
                break;
            case "rleaky":
            case "rsynaptic":
                m.put("neurons", l.get("neurons").asInt());
                copy(l, m, "alpha", "beta", "reset");
                break;
            default:
                copy(l, m, "alpha", "beta", "reset");
        }
        return new LayerSpec(type, m);
    }

    private static void copy(JsonNode l, Map<String, Object> m, String... keys) {
        for (String k : keys) {
            if (l.has(k)) {
                m.put(k, l.get(k).isNumber() ? (Object) l.get(k).asDouble() : l.get(k).asText());
            }
        }
    }

    /** Copies PyTorch-named weights ({@code 0.weight}, {@code 1.recurrent.bias}) into the network. */
    static void setParams(Network net, JsonNode params) {
        Map<String, Parameter> ps = net.namedParameters();
        params.fields().forEachRemaining(e -> {
            Parameter p = ps.get(e.getKey());
            if (p == null) {
                throw new IllegalStateException("no parameter " + e.getKey() + " in " + ps.keySet());
            }
            Tensor v = tensor(e.getValue());
            if (v.size() != p.value().size()) {
                throw new IllegalStateException(e.getKey() + ": " + v.size() + " values for " + p.value().size());
            }
            System.arraycopy(v.data(), 0, p.value().data(), 0, v.size());
        });
    }

    static List<BenchBatch> batches(JsonNode c) {
        List<BenchBatch> bs = new ArrayList<>();
        for (JsonNode b : c.get("batches")) {
            bs.add(new BenchBatch(tensor(b.get("inputs")), tensor(b.get("labels"))));
        }
        return bs;
    }

    /** {@code shared/data/<name>} above the working directory, or under /work/shared; null when absent. */
    static Path sharedDir(String name) {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("data").resolve(name);
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        Path d = Paths.get("/work/shared/data").resolve(name);
        return Files.isDirectory(d) ? d : null;
    }
}
