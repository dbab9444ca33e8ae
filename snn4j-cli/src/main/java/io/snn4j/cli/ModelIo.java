package io.snn4j.cli;

import io.snn4j.core.Parameter;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.train.CheckpointStore;
import io.snn4j.data.model.FileCheckpointStore;
import io.snn4j.data.model.LoadedModel;
import io.snn4j.data.model.ModelFile;
import io.snn4j.data.model.ModelFileException;
import io.snn4j.data.model.Provenance;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Model files and checkpoints of a run folder, through snn4j-data's model format. */
final class ModelIo {
    /** Every model file's header starts so, right after its 8-byte length. */
    private static final byte[] HEADER_START = "{\"header_crc32\"".getBytes(StandardCharsets.US_ASCII);

    private ModelIo() {
    }

    static Provenance provenance(long seed, String dataset, Map<String, Object> config) {
        return Provenance.of(seed, dataset, config);
    }

    /** Writes {@code net} (input feature shape {@code inputShape}) with its provenance, atomically. */
    static void save(Path file, Network net, int[] inputShape, Provenance provenance) {
        ModelFile.save(file, net, inputShape, provenance, Map.of());
    }

    /** The checkpoint store kept in the run folder ({@code <dir>/checkpoint.snn4j}); also a loadable model. */
    static CheckpointStore checkpoints(Path dir, Network net, int[] inputShape, Provenance provenance) {
        return new FileCheckpointStore(dir, net, inputShape, provenance);
    }

    /** Whether the first bytes are those of a model or checkpoint file (possibly a damaged one). */
    static boolean looksLikeModel(byte[] head, int n) {
        if (n < 8 + HEADER_START.length) {
            return false;
        }
        return Arrays.equals(head, 8, 8 + HEADER_START.length, HEADER_START, 0, HEADER_START.length);
    }

    /** Bytes {@link #looksLikeModel} needs to see. */
    static int headBytes() {
        return 8 + HEADER_START.length;
    }

    /** Prints a model file's architecture, parameter counts and provenance. */
    static void describe(Path file, PrintWriter out) {
        LoadedModel m;
        Map<String, Object> header;
        try {
            header = ModelFile.readHeader(file);
            m = ModelFile.load(file);
        } catch (ModelFileException e) {
            throw new UserError(e.getMessage(), e);
        }
        Network net = m.network();
        out.printf(Locale.ROOT, "model: %s (%s, format version %d)%n", file, header.getOrDefault("kind", "model"),
                m.formatVersion());
        int[] shape = m.inputShape();
        out.println("  input shape        " + (shape == null ? "not recorded" : Arrays.toString(shape)));
        out.printf(Locale.ROOT, "  %-6s %-18s %-14s %12s%n", "layer", "type", "output shape", "parameters");
        long total = 0;
        long trainable = 0;
        boolean chain = net instanceof Sequential && shape != null;
        int[] s = shape;
        for (Map.Entry<String, Layer> e : net.namedLayers().entrySet()) {
            Layer l = e.getValue();
            long count = 0;
            for (Parameter p : l.parameters()) {
                count += p.value().size();
            }
            String outShape = "";
            if (chain) {
                try {
                    s = l.outputShape(s);
                    outShape = Arrays.toString(s);
                } catch (IllegalArgumentException ex) {
                    chain = false;
                }
            }
            out.printf(Locale.ROOT, "  %-6s %-18s %-14s %12d%n", e.getKey(), l.type(), outShape, count);
        }
        for (Parameter p : net.parameters()) {
            total += p.value().size();
            trainable += p.trainable() ? p.value().size() : 0;
        }
        out.printf(Locale.ROOT, "  total parameters   %d (%d trainable)%n", total, trainable);
        out.println("  tensors");
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            out.printf(Locale.ROOT, "    %-22s %s%s%n", e.getKey(), Arrays.toString(e.getValue().value().shape()),
                    e.getValue().trainable() ? "" : " (fixed)");
        }
        Provenance p = m.provenance();
        out.println("provenance");
        out.println("  snn4j version      " + p.snn4jVersion());
        out.println("  created (UTC)      " + p.createdUtc());
        if (p.seed() != null) {
            out.println("  seed               " + p.seed());
        }
        if (p.dataset() != null) {
            out.println("  dataset            " + p.dataset());
        }
        for (Map.Entry<String, Object> e : p.extra().entrySet()) {
            out.printf(Locale.ROOT, "  %-18s %s%n", e.getKey(), e.getValue());
        }
        if (!p.config().isEmpty()) {
            out.println("  config");
            for (String line : Experiment.yaml(p.config()).strip().split("\n")) {
                out.println("    " + line);
            }
        }
    }
}
