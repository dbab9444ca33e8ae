package io.snn4j.core.neuron;

/** What happens to the membrane after a spike (snnTorch's {@code reset_mechanism}). */
public enum Reset {
    /** U -= threshold (snnTorch's default). */
    SUBTRACT,
    /** The membrane is set to zero (how much of it depends on the model; see each model's Javadoc). */
    ZERO,
    /** No reset: pure integration. */
    NONE;

    /** The name used in specs and snnTorch: {@code subtract}, {@code zero}, {@code none}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code subtract}, {@code zero} or {@code none} (case-insensitive). */
    public static Reset parse(String s) {
        for (Reset r : values()) {
            if (r.key().equalsIgnoreCase(s.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("reset must be one of subtract, zero, none; got '" + s + "'");
    }
}
