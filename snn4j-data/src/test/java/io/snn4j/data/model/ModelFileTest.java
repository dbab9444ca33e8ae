package io.snn4j.data.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.LeakyIntegrator;
import io.snn4j.core.neuron.Reset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    static Network net() {
        Rng rng = new Rng(7);
        return new Sequential(new Linear(6, 5, rng),
                Leaky.builder().beta(0.85f).threshold(0.7f).reset(Reset.ZERO).learnBeta(true).build(),
                new Linear(5, 3, false, rng), new LeakyIntegrator(0.9f));
    }

    static Tensor input() {
        Rng rng = new Rng(3);
        Tensor x = new Tensor(8, 2, 6);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.nextFloat() < 0.4f ? 1f : 0f;
        }
        return x;
    }

    @Test
    void roundTripRestoresArchitectureWeightsAndProvenanceBitForBit() {
        Network net = net();
        // values that only survive a bit-exact round trip
        Parameter w = net.namedParameters().get("0.weight");
        w.value().data()[0] = Float.MIN_VALUE;
        w.value().data()[1] = -0.0f;
        w.value().data()[2] = 0.1f + 1e-8f;
        net.namedParameters().get("0.bias").setTrainable(false);
        Path f = dir.resolve("m.snn4j");
        Provenance prov = new Provenance("1.2.3", "2024-05-01T12:00:00Z", 42L, "toy",
                Map.of("epochs", 3, "lr", 0.001), Map.of("note", "hi"));
        ModelFile.save(f, net, new int[] {6}, prov, Map.of("classes", List.of("a", "b", "c")));

        LoadedModel m = ModelFile.load(f);
        Map<String, Parameter> a = net.namedParameters();
        Map<String, Parameter> b = m.network().namedParameters();
        assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).value().shape(), b.get(k).value().shape(), k);
            float[] x = a.get(k).value().data();
            float[] y = b.get(k).value().data();
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), k + "[" + i + "]");
            }
            assertEquals(a.get(k).trainable(), b.get(k).trainable(), k + " trainable");
        }
        assertFalse(b.get("0.bias").trainable());
        assertEquals(net.spec(), m.network().spec());
        assertArrayEquals(net.forward(input(), false).data(), m.network().forward(input(), false).data());
        assertArrayEquals(new int[] {6}, m.inputShape());
        assertEquals(prov, m.provenance());
        assertEquals(List.of("a", "b", "c"), m.metadata().get("classes"));
        assertEquals(1, m.formatVersion());
    }

    @Test
    void headerIsReadableJsonAfterTheLengthPrefix() throws IOException {
        Path f = dir.resolve("m.snn4j");
        ModelFile.save(f, net(), Provenance.of(1L, "toy", Map.of()));
        Map<String, Object> h = ModelFile.readHeader(f);
        assertEquals("snn4j-model", h.get("format"));
        assertEquals("sequential", ((Map<?, ?>) h.get("architecture")).get("type"));
        Map<?, ?> t = (Map<?, ?>) ((Map<?, ?>) h.get("tensors")).get("0.weight");
        assertEquals(List.of(5, 6), t.get("shape"));
        assertEquals(List.of(0, 120), t.get("offsets"));
        assertNull(h.get("input_shape"));
        byte[] bytes = Files.readAllBytes(f);
        long n = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        String json = new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"header_crc32\":\"") && json.endsWith("}"), json);
    }

    @Test
    void savingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("m.snn4j");
        ModelFile.save(f, net(), Provenance.empty());
        Network other = new Sequential(new Linear(2, 2, new Rng(1)));
        ModelFile.save(f, other, Provenance.empty());
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(ModelFile.load(f).network().namedParameters().keySet()));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void missingFileIsReported() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void truncatedFileIsReportedWithExpectedAndActualSizes() throws IOException {
        Path f = dir.resolve("m.snn4j");
        ModelFile.save(f, net(), Provenance.empty());
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 10));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("truncated (expected " + b.length + " bytes, got " + (b.length - 10) + ")"),
                e.getMessage());
        Files.write(f, java.util.Arrays.copyOf(b, 100));
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void flippedByteInTheWeightsOrTheHeaderIsDetected() throws IOException {
        Path f = dir.resolve("m.snn4j");
        ModelFile.save(f, net(), Provenance.empty());
        byte[] good = Files.readAllBytes(f);
        byte[] b = good.clone();
        b[b.length - 5] ^= 0x01;
        Files.write(f, b);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("checksum mismatch in the tensor data"), e.getMessage());

        // change beta 0.85 -> 0.75 in the JSON: still valid JSON, but the header checksum catches it
        String s = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = s.indexOf("0.85");
        assertTrue(at > 0);
        b = good.clone();
        b[at + 2] = '7';
        Files.write(f, b);
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("checksum mismatch in the header"), e.getMessage());
    }

    @Test
    void otherFilesAreNotModelFiles() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.write(f, "hello, this is not a model at all".getBytes());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("not an snn4j model file"), e.getMessage());
        Files.write(f, new byte[3]);
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("not an snn4j model file"), e.getMessage());
    }

    @Test
    void missingTensorIsNamed() {
        Path f = dir.resolve("m.snn4j");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("architecture", ModelFile.specToMap(new Sequential(new Linear(2, 2, new Rng(1))).spec()));
        Container.write(f, fields, new LinkedHashMap<>());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("missing tensor '0.weight'"), e.getMessage());
    }

    @Test
    void wellFormedFileOfAnotherFormatIsRejected() throws IOException {
        // correct length prefix and header checksum, but the format member names something else
        byte[] body = "{\"format\":\"safetensors\",\"format_version\":1}".getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        byte[] header = ("{\"header_crc32\":\"" + String.format("%08x", crc.getValue()) + "\","
                + new String(body, 1, body.length - 1, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header);
        Path f = dir.resolve("other.bin");
        Files.write(f, buf.array());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("not an snn4j model file (format is safetensors"), e.getMessage());
    }

    @Test
    void unknownLayerTypeIsNamed() {
        Path f = dir.resolve("m.snn4j");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("architecture", Map.of("type", "sequential", "layers", List.of(Map.of("type", "quantum_layer"))));
        Container.write(f, fields, new LinkedHashMap<>());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("quantum_layer") && e.getMessage().contains("m.snn4j"), e.getMessage());
    }

    @Test
    void shapeMismatchNamesTheTensorAndBothShapes() {
        Path f = dir.resolve("m.snn4j");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("architecture", ModelFile.specToMap(new Sequential(new Linear(2, 3, false, new Rng(1))).spec()));
        LinkedHashMap<String, Container.Entry> t = new LinkedHashMap<>();
        t.put("0.weight", new Container.Entry(new Tensor(2, 3), true));
        Container.write(f, fields, t);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("'0.weight'") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[3, 2]"), e.getMessage());
    }
}
