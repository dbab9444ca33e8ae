package io.snn4j.data.model;

import java.nio.file.Path;

/** A model or checkpoint file could not be written or read; the message names the file and the problem. */
public final class ModelFileException extends RuntimeException {
    private final Path path;

    public ModelFileException(Path path, String problem) {
        this(path, problem, null);
    }

    public ModelFileException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
