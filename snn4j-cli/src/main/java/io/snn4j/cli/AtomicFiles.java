package io.snn4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes files so that a reader sees either the old content or the complete new one, never a half. */
final class AtomicFiles {

    /** Writes into an open stream; may throw. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes to a temporary sibling, flushes it to disk and renames it over {@code target} ({@code AtomicWrite}). */
    static void write(Path target, Writer writer) throws IOException {
        io.snn4j.data.io.AtomicWrite.write(target, writer::write);
    }

    /** Renames atomically where the file system can, else replaces. */
    static void move(Path from, Path to) throws IOException {
        io.snn4j.data.io.AtomicWrite.move(from, to);
    }
}
