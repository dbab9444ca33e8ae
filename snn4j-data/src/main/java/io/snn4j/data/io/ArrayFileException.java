package io.snn4j.data.io;

/**
 * An array file (NPY, IDX) could not be read or written. The message starts with the file's name and says what
 * was found and what was expected, e.g. {@code labels.npy: truncated: the header describes shape [60000] of
 * int64 (480000 bytes of data), but only 1200 bytes follow the header}.
 */
public final class ArrayFileException extends RuntimeException {
    private final String source;

    public ArrayFileException(String source, String problem) {
        this(source, problem, null);
    }

    public ArrayFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or stream name) the problem is about. */
    public String source() {
        return source;
    }
}
