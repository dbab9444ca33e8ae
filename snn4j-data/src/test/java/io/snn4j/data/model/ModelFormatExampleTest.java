package io.snn4j.data.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of docs/model-format.md, kept compiling and running. */
class ModelFormatExampleTest {

    /** Same body as {@code SaveAndLoad.main} in the document, printing to {@code out}. */
    static void example(PrintStream out) throws Exception {
        Rng rng = new Rng(42);
        Network net = new Sequential(new Linear(4, 3, rng), new Leaky(0.9f));

        Path file = Files.createTempDirectory("snn4j").resolve("model.snn4j");
        ModelFile.save(file, net, new int[] {4}, Provenance.of(42L, "toy", Map.of("epochs", 0)), Map.of());

        LoadedModel loaded = ModelFile.load(file);
        Tensor x = Tensor.full(0.5f, 10, 1, 4);                  // [T=10, B=1, 4]
        Tensor a = net.forward(x, false);
        Tensor b = loaded.network().forward(x, false);
        out.println("same output: " + Arrays.equals(a.data(), b.data()));
        out.println("seed: " + loaded.provenance().seed() + ", input shape: "
                + Arrays.toString(loaded.inputShape()));
        out.println("header: " + ModelFile.readHeader(file).keySet());
        Files.delete(file);
        Files.delete(file.getParent());
    }

    @Test
    void documentedExampleRuns() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        example(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("same output: true") && s.contains("seed: 42, input shape: [4]"), s);
    }
}
