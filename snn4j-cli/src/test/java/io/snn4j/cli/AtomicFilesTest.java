package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writerThatFailsHalfwayLeavesTheOldContentAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("results.json");
        AtomicFiles.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("new, half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void writeCreatesMissingFolders(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a/b/report.html");
        AtomicFiles.writeString(f, "<html>");
        assertEquals("<html>", Files.readString(f));
    }
}
