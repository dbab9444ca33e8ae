package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./snn4j events ...} line in README.md, docs/data.md and docs/cli.md runs (on the shared samples,
 * skipped when they are absent), and the outputs the documents show are the real ones.
 */
class EventsDocCommandsTest {
    @TempDir
    Path dir;

    static Path sharedRoot() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared").resolve("data").resolve("events"))) {
                return p.resolve("shared");
            }
        }
        Path w = Paths.get("/work/shared");
        return Files.isDirectory(w.resolve("data").resolve("events")) ? w : null;
    }

    /**
     * The document's lines (in code blocks) that start with {@code prefix}, each with the output block that follows
     * its block right away (``` cmd ``` ``` output ```), or null.
     */
    static List<String[]> commands(String doc, String prefix) throws java.io.IOException {
        List<String> lines = Files.readAllLines(Paths.get("..", doc));
        List<String[]> r = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.startsWith(prefix)) {
                continue;
            }
            // an output block shown right after the command's block: ``` <cmd> ``` ``` <output> ```
            String shown = null;
            int j = i + 1;
            if (j + 1 < lines.size() && lines.get(j).strip().equals("```") && lines.get(j + 1).strip().equals("```")) {
                StringBuilder b = new StringBuilder();
                for (int k = j + 2; k < lines.size() && !lines.get(k).strip().equals("```"); k++) {
                    b.append(lines.get(k)).append('\n');
                }
                shown = b.toString();
            }
            r.add(new String[] {l, shown});
        }
        return r;
    }

    @Test
    void documentedEventCommandsRun() throws Exception {
        Path shared = sharedRoot();
        Assumptions.assumeTrue(shared != null, "../shared/data/events not present");
        int[] n = runDocumented(new String[] {"README.md", "docs/data.md", "docs/cli.md"}, "./snn4j events ",
                (args, i) -> args[i].startsWith("../shared/") ? shared.resolve(args[i].substring("../shared/".length()))
                        .toString() : i > 0 && args[i - 1].equals("--out") ? dir.resolve(args[i]).toString()
                        : args[i],
                shown -> shown.replace("../shared/", shared + "/"), printed -> printed);
        int ran = n[0];
        int compared = n[1];
        assertTrue(ran >= 8, "commands found: " + ran);
        assertTrue(compared >= 2, "outputs compared: " + compared);
    }

    /** Rewrites argument {@code i} of a documented command for the test (a path into a temporary folder, ...). */
    interface ArgRewriter {
        String rewrite(String[] args, int i);
    }

    /**
     * Runs every line of the documents' code blocks that starts with {@code prefix} (arguments rewritten by
     * {@code arg}): each must exit 0 with nothing on stderr, and where an output block follows, what it prints
     * ({@code printed} applied) must equal the block ({@code shown} applied).
     *
     * @return the commands run and the outputs compared
     */
    static int[] runDocumented(String[] docs, String prefix, ArgRewriter arg,
            java.util.function.UnaryOperator<String> shown, java.util.function.UnaryOperator<String> printed)
            throws Exception {
        int ran = 0;
        int compared = 0;
        for (String doc : docs) {
            for (String[] c : commands(doc, prefix)) {
                String[] args = c[0].substring("./snn4j ".length()).split("\\s+");
                for (int i = 0; i < args.length; i++) {
                    args[i] = arg.rewrite(args, i);
                }
                Cli r = Cli.run(args);
                assertEquals(0, r.exit(), doc + ": " + c[0] + "\n" + r);
                assertEquals("", r.err(), doc + ": " + c[0]);
                ran++;
                if (c[1] != null) {
                    assertEquals(shown.apply(c[1]), printed.apply(r.out()), doc + ": the output shown for " + c[0]);
                    compared++;
                }
            }
        }
        return new int[] {ran, compared};
    }
}
