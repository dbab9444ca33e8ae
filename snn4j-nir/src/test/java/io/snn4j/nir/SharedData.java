package io.snn4j.nir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The project's shared data ({@code ../shared/data} from the repository root), absent in a user's clone. */
final class SharedData {

    private SharedData() {
    }

    /** {@code shared/data/<name>} in the working directory or a parent of it, else /work/shared; null if absent. */
    static Path dir(String name) {
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
