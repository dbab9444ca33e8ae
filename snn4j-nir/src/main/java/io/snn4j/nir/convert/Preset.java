package io.snn4j.nir.convert;

import java.util.Locale;

/**
 * How a NIR graph's continuous-time neurons become discrete-time ones. NIR stores no time step, and frameworks
 * read the same file differently; a preset names one reading (docs/interop.md gives the formulas).
 */
public enum Preset {
    /**
     * snnTorch's convention (its {@code export_nir.py} / {@code import_nir.py}): dt 1e-4, {@code beta = 1 - dt/tau},
     * the gains {@code r dt / tau} and {@code w_in dt / tau_syn} folded into the threshold, reset to zero (IF:
     * subtract), the reset applied at the next step as snnTorch's neurons do by default; LIF/CubaLIF with a
     * square Affine/Linear fed back become RLeaky/RSynaptic. Builds snn4j's own, trainable neuron layers.
     */
    SNNTORCH("snntorch", 1e-4),
    /**
     * Norse's {@code norse.torch.from_nir}: dt 1e-3, Euler steps {@code v += dt/tau (v_leak - v + x)}, states
     * starting at {@code v_leak}, reset to 0, {@code r} of LIF/LI/IF ignored (as Norse does).
     */
    NORSE("norse", 1e-3),
    /**
     * NIR's own equations integrated with a chosen dt (default 1e-3): Euler or exact exponential steps, input held
     * over each step, reset to {@code v_reset}.
     */
    NIR("nir", 1e-3);

    private final String key;
    private final double defaultDt;

    Preset(String key, double defaultDt) {
        this.key = key;
        this.defaultDt = defaultDt;
    }

    /** {@code snntorch}, {@code norse} or {@code nir}. */
    public String key() {
        return key;
    }

    /** The time step (seconds) used unless one is given. */
    public double defaultDt() {
        return defaultDt;
    }

    /** Parses {@code snntorch}, {@code norse} or {@code nir} (case-insensitive). */
    public static Preset parse(String s) {
        for (Preset p : values()) {
            if (p.key.equalsIgnoreCase(s == null ? "" : s.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + s + "'; expected one of snntorch, norse, nir");
    }

    @Override
    public String toString() {
        return key;
    }

    /** How the {@link #NIR} preset steps its ODEs. */
    public enum Integration {
        /** {@code v += dt/tau ((v_leak - v) + r I)}. */
        EULER,
        /** The exact solution over one step with the input held constant. */
        EXACT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Integration parse(String s) {
            for (Integration i : values()) {
                if (i.key().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return i;
                }
            }
            throw new IllegalArgumentException("unknown integration '" + s + "'; expected euler or exact");
        }
    }
}
