package io.snn4j.data.events;

/**
 * An event or spike file could not be read: wrong magic, truncated data, an unknown event type, a coordinate
 * outside the sensor, timestamps out of order, a missing HDF5 dataset. Every reader in this package throws this
 * and only this for bad input. The message names the file, where the problem is (a byte offset or a dataset) and
 * what was expected, for example
 * {@code sample.bin: at byte 21620: truncated record: N-MNIST events are 5 bytes, 3 bytes are left}.
 */
public final class EventFormatException extends RuntimeException {
    private final String source;
    private final long offset;

    /**
     * @param source the file (or stream name)
     * @param offset the byte offset the problem was found at, or -1 when the problem is not at one place
     * @param problem what was found and what was expected
     */
    public EventFormatException(String source, long offset, String problem) {
        this(source, offset, problem, null);
    }

    public EventFormatException(String source, long offset, String problem, Throwable cause) {
        super(source + ": " + (offset >= 0 ? "at byte " + offset + ": " : "") + problem, cause);
        this.source = source;
        this.offset = offset;
    }

    /** The file (or stream name) the problem is about. */
    public String source() {
        return source;
    }

    /** Byte offset of the problem in the file, or -1 when it is not at one place (e.g. a missing dataset). */
    public long offset() {
        return offset;
    }
}
