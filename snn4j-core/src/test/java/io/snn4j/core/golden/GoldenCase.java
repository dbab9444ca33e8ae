package io.snn4j.core.golden;

import io.snn4j.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One case written by {@code benchmarks/peers/make_goldens.py}: the network description ({@code <case>.json})
 * and the arrays snnTorch computed for it. The description and the initial parameters are read from the test
 * class path ({@code golden/}, or {@code golden/oracles/}); the other arrays from there too, or from a data
 * directory (the shared snnTorch oracles).
 */
final class GoldenCase {
    static final String DIR = "/golden/";
    static final String ORACLES = "/golden/oracles/";

    final String name;
    final Map<String, Object> json;
    private final String resourceDir;
    private final Path dataDir;

    private GoldenCase(String name, Map<String, Object> json, String resourceDir, Path dataDir) {
        this.name = name;
        this.json = json;
        this.resourceDir = resourceDir;
        this.dataDir = dataDir;
    }

    /** The case names listed in {@code golden/cases.txt}. */
    static List<String> names() {
        return names(DIR);
    }

    /** The case names listed in {@code cases.txt} of a resource directory. */
    static List<String> names(String resourceDir) {
        String text = new String(bytes(resourceDir + "cases.txt"), StandardCharsets.UTF_8);
        List<String> r = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                r.add(line.trim());
            }
        }
        return r;
    }

    static GoldenCase load(String name) {
        return load(name, DIR, null);
    }

    /**
     * @param dataDir where the input, outputs, loss and gradients are, or null to read everything from
     *                {@code resourceDir}
     */
    @SuppressWarnings("unchecked")
    static GoldenCase load(String name, String resourceDir, Path dataDir) {
        Object o = MiniJson.parse(new String(bytes(resourceDir + name + ".json"), StandardCharsets.UTF_8));
        return new GoldenCase(name, (Map<String, Object>) o, resourceDir, dataDir);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> layers() {
        return (List<Map<String, Object>>) json.get("layers");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> loss() {
        return (Map<String, Object>) json.get("loss");
    }

    /** Parameter names in PyTorch's {@code named_parameters()} order, e.g. {@code 0.weight}, {@code 1.beta}. */
    @SuppressWarnings("unchecked")
    List<String> parameterNames() {
        return new ArrayList<>(((Map<String, Object>) json.get("parameters")).keySet());
    }

    /** Indices of the layers that have a membrane (spiking layers and readouts). */
    @SuppressWarnings("unchecked")
    List<Integer> spikingLayers() {
        return (List<Integer>) json.get("spiking_layers");
    }

    private boolean fromData(String suffix) {
        return dataDir != null && !suffix.startsWith("param.");
    }

    boolean has(String suffix) {
        String file = name + "." + suffix + ".npy";
        return fromData(suffix) ? Files.isRegularFile(dataDir.resolve(file))
                : GoldenCase.class.getResource(resourceDir + file) != null;
    }

    Npy.Array array(String suffix) {
        String file = name + "." + suffix + ".npy";
        if (fromData(suffix)) {
            try {
                return Npy.read(dataDir.resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Npy.parse(bytes(resourceDir + file), resourceDir + file);
    }

    /** A float32 array as a tensor with the same shape. */
    Tensor tensor(String suffix) {
        Npy.Array a = array(suffix);
        return new Tensor(a.toFloats(), a.shape());
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = GoldenCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource
                        + " (regenerate with benchmarks/peers/make_goldens.py)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
