package io.snn4j.data.audio;

/**
 * An audio file could not be read. The message starts with the file's name and says what was found and what was
 * expected, e.g. {@code a.wav: not a WAV file: it starts with 00 00 08 03, expected "RIFF" then "WAVE"}.
 */
public final class AudioFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;

    public AudioFileException(String source, String problem) {
        this(source, problem, null);
    }

    public AudioFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or stream name) the problem is about. */
    public String source() {
        return source;
    }
}
