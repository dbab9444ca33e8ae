package io.snn4j.nir;

import java.nio.file.Path;

/**
 * A NIR file that cannot be read: not HDF5, truncated, or not a valid NIR graph (unknown node type, missing or
 * malformed field, parameter shapes that do not agree, an edge to a node that does not exist). The message is one
 * line that starts with the file and names the node (by its dotted address, e.g. {@code lif1.lin}) and the field,
 * e.g. {@code net.nir: node 'lif1' (LIF): field 'v_reset' has shape [3], expected [4] (the shape of 'tau')}.
 */
public final class NirFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public NirFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public NirFormatException(Path file, String problem, Throwable cause) {
        super((file == null ? "" : file + ": ") + problem, cause);
        this.file = file;
    }

    /** The file the problem is in (null when there is none, e.g. a stream). */
    public Path file() {
        return file;
    }
}
