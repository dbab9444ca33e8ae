package io.snn4j.nir.convert;

/**
 * A NIR graph that cannot become an snn4j network, or an snn4j network that cannot be written as NIR: an
 * unsupported node type, parameter values the chosen preset cannot express, a cycle that cannot be scheduled.
 * The message is one line naming the node (by its address) and the field, e.g.
 * {@code node 'lif1' (LIF), field 'v_leak': the snntorch preset needs 0 (snnTorch has no leak potential), found 1.2}.
 */
public final class NirConversionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NirConversionException(String message) {
        super(message);
    }

    public NirConversionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code node 'name' (Type), field 'field': problem}. */
    static NirConversionException field(String node, String type, String field, String problem) {
        return new NirConversionException("node '" + node + "' (" + type + "), field '" + field + "': " + problem);
    }

    /** {@code node 'name' (Type): problem}. */
    static NirConversionException node(String node, String type, String problem) {
        return new NirConversionException("node '" + node + "' (" + type + "): " + problem);
    }
}
