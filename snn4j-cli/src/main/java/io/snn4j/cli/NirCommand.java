package io.snn4j.cli;

import io.snn4j.core.layer.Layer;
import io.snn4j.data.model.LoadedModel;
import io.snn4j.nir.NirArray;
import io.snn4j.nir.NirFile;
import io.snn4j.nir.NirGraph;
import io.snn4j.nir.NirNode;
import io.snn4j.nir.Shape;
import io.snn4j.nir.convert.NirConversionException;
import io.snn4j.nir.convert.SnnToNir;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j nir ...}: NIR files (the Neuromorphic Intermediate Representation). */
@Command(name = "nir", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = {"Works with NIR files (Neuromorphic Intermediate Representation, HDF5), the format snnTorch, "
                + "Norse, Sinabs, Rockpool, Lava and neuromorphic chips exchange networks in."},
        subcommands = {NirCommand.Info.class, NirCommand.Export.class, CommandLine.HelpCommand.class})
final class NirCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code snn4j nir info FILE}: the graph of a NIR file. */
    @Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
            description = {"Describes a NIR file: its nodes with their types, input and output shapes and parameter "
                    + "counts, the edges, and what the reader had to assume (defaults of older NIR versions, "
                    + "ignored fields, edges whose shapes disagree)."})
    static final class Info implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "A .nir file.")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            NirFile nir = NirModels.readNir(file);
            PrintWriter out = spec.commandLine().getOut();
            describe(nir, out);
            out.flush();
            return 0;
        }
    }

    /** {@code snn4j nir export --model model.snn --out FILE.nir}: an snn4j model as a NIR file. */
    @Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
            description = {"Writes an snn4j model (.snn) as a NIR file in snnTorch's convention (tau = dt / (1 - beta), "
                    + "r = tau / dt, ...; see docs/interop.md), so that snnTorch's import_nir and 'snn4j simulate "
                    + "--preset snntorch' read it back. The time step and snn4j's reset convention go into the nodes' "
                    + "metadata."})
    static final class Export implements Callable<Integer> {

        @Option(names = "--model", required = true, paramLabel = "FILE", description = "An snn4j model file (.snn).")
        Path model;

        @Option(names = "--out", required = true, paramLabel = "FILE.nir", description = "The NIR file to write.")
        Path out;

        @Option(names = "--dt", paramLabel = "S", converter = SimulateCommand.DtConverter.class,
                description = "Time step in seconds the time constants are written for (default 1e-4, snnTorch's).")
        Double dt;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (NirModels.isNir(model)) {
                throw UserError.about(model, "is already a NIR file; 'nir export' takes an snn4j model (.snn)");
            }
            LoadedModel m = NirModels.readSnn(model);
            if (m.inputShape() == null) {
                throw UserError.about(model, "does not record its input shape, which NIR's Input node needs");
            }
            NirGraph g = toNir(model, m.network(), m.inputShape(), dt == null ? SnnToNir.DEFAULT_DT : dt);
            if (Files.isDirectory(out)) {
                throw UserError.about(out, "is a folder; --out needs a file name such as model.nir");
            }
            write(out, g);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "wrote %s: %d nodes, %d edges, %,d parameters (snnTorch's convention, dt %s s)%n",
                    out, count(g), edgeCount(g), g.parameterCount(), dt == null ? "1e-4" : Double.toString(dt));
            o.flush();
            return 0;
        }
    }

    /** {@code net} as NIR; a {@link UserError} naming the model when NIR cannot express it. */
    static NirGraph toNir(Object source, Layer net, int[] inputShape, double dt) {
        try {
            return SnnToNir.export(net, inputShape, dt);
        } catch (NirConversionException e) {
            throw new UserError(source + ": cannot be written as NIR: " + e.getMessage(), e);
        }
    }

    /** Writes a NIR file (atomically), as a {@link UserError} when that fails. */
    static void write(Path out, NirGraph g) {
        try {
            NirFile.write(out, g);
        } catch (IOException e) {
            throw UserError.about(out, "cannot write: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw UserError.about(out, "cannot write: " + e.getMessage(), e);
        }
    }

    /** The report {@code nir info} prints. */
    static void describe(NirFile nir, PrintWriter out) {
        NirGraph g = nir.graph();
        out.printf(Locale.ROOT, "NIR file: %s (version %s)%n", nir.path(),
                nir.version() == null ? "not recorded" : nir.version());
        out.printf(Locale.ROOT, "graph: %d nodes, %d edges, %,d parameters%n", count(g), edgeCount(g),
                g.parameterCount());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "type", "input", "output", "params", "fields"});
        addRows(g, "", "", rows);
        table(rows, out);
        out.println("edges:");
        printEdges(g, "", out);
        List<String> notes = new ArrayList<>(nir.warnings());
        for (String m : g.inferShapes().mismatches()) {
            notes.add(m + " (NIR's own reader rejects this unless told not to type-check)");
        }
        if (!notes.isEmpty()) {
            out.println("notes:");
            for (String n : notes) {
                out.println("  " + n);
            }
        }
    }

    private static int count(NirGraph g) {
        int n = 0;
        for (NirNode node : g.nodes().values()) {
            n += 1 + (node instanceof NirGraph ? count((NirGraph) node) : 0);
        }
        return n;
    }

    private static int edgeCount(NirGraph g) {
        int n = g.edges().size();
        for (NirNode node : g.nodes().values()) {
            n += node instanceof NirGraph ? edgeCount((NirGraph) node) : 0;
        }
        return n;
    }

    private static void addRows(NirGraph g, String prefix, String indent, List<String[]> rows) {
        NirGraph.ShapeReport shapes = g.inferShapes();
        for (String name : order(g)) {
            NirNode n = g.nodes().get(name);
            rows.add(new String[] {indent + prefix + name, n.type(), shape(shapes.input(name)),
                shape(shapes.output(name)), String.format(Locale.ROOT, "%,d", n.parameterCount()), fields(n)});
            if (n instanceof NirGraph) {
                addRows((NirGraph) n, prefix + name + ".", indent + "  ", rows);
            }
        }
    }

    /** Edges grouped by source, sources in the table's order (files list them in no useful order). */
    private static void printEdges(NirGraph g, String prefix, PrintWriter out) {
        List<NirGraph.Edge> rest = new ArrayList<>(g.edges());
        for (String name : order(g)) {
            for (NirGraph.Edge e : g.edgesFrom(name)) {
                out.println("  " + prefix + e.source() + " -> " + prefix + e.target());
                rest.remove(e);
            }
        }
        for (NirGraph.Edge e : rest) {
            out.println("  " + prefix + e.source() + " -> " + prefix + e.target());
        }
        for (String name : order(g)) {
            if (g.nodes().get(name) instanceof NirGraph) {
                printEdges((NirGraph) g.nodes().get(name), prefix + name + ".", out);
            }
        }
    }

    /**
     * Depth first from each Input along the edges (in the file's order), so that a chain reads top to bottom and a
     * branch stays together; then whatever no edge reaches, in file order.
     */
    static List<String> order(NirGraph g) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        List<String> inputs = g.inputNames();
        for (int i = inputs.size() - 1; i >= 0; i--) {
            stack.push(inputs.get(i));
        }
        while (!stack.isEmpty()) {
            String n = stack.pop();
            if (!seen.add(n)) {
                continue;
            }
            List<NirGraph.Edge> out = g.edgesFrom(n);
            for (int i = out.size() - 1; i >= 0; i--) {
                String t = topLevel(g, out.get(i).target());
                if (t != null && !seen.contains(t)) {
                    stack.push(t);
                }
            }
        }
        seen.addAll(g.nodes().keySet());
        return new ArrayList<>(seen);
    }

    /** The node of this graph an address leads into: itself, or the subgraph a dotted address enters. */
    private static String topLevel(NirGraph g, String address) {
        if (g.nodes().containsKey(address)) {
            return address;
        }
        for (int i = address.indexOf('.'); i > 0; i = address.indexOf('.', i + 1)) {
            if (g.nodes().get(address.substring(0, i)) instanceof NirGraph) {
                return address.substring(0, i);
            }
        }
        return null;
    }

    private static String shape(Shape s) {
        return s == null ? "?" : s.toString();
    }

    /**
     * The node's fields as the file holds them: settings first ({@code stride [2, 2]}), then arrays, those of one
     * shape and type together ({@code tau, r: [13] float32}), then the metadata keys.
     */
    static String fields(NirNode n) {
        List<String> settings = new ArrayList<>();
        Map<String, List<String>> arrays = new LinkedHashMap<>();
        n.fields().forEach((k, v) -> {
            if (v instanceof NirArray) {
                NirArray a = (NirArray) v;
                arrays.computeIfAbsent(a.shape() + " " + a.dtype(), x -> new ArrayList<>()).add(k);
            } else if (!(n instanceof NirNode.Input || n instanceof NirNode.Output)) {
                settings.add(k + " " + (v == null ? "?" : v));
            }
        });
        List<String> parts = new ArrayList<>();
        if (!settings.isEmpty()) {
            parts.add(String.join(", ", settings));
        }
        arrays.forEach((k, names) -> parts.add(String.join(", ", names) + ": " + k));
        if (!n.metadata().isEmpty()) {
            parts.add("metadata: " + String.join(", ", n.metadata().keySet()));
        }
        return String.join("; ", parts);
    }

    private static void table(List<String[]> rows, PrintWriter out) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String cell = r[c];
                String pad = " ".repeat(width[c] - cell.length());
                s.append("  ").append(c == 4 ? pad + cell : cell + (c == cols - 1 ? "" : pad)); // numbers to the right
            }
            out.println(s.toString().stripTrailing());
        }
    }
}
