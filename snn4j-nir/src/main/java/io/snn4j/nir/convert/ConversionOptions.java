package io.snn4j.nir.convert;

/**
 * How to turn a NIR graph into an snn4j network.
 *
 * @param preset      the reading of the neuron equations ({@link Preset})
 * @param dt          the time step in seconds, or null for the preset's default (for {@code snntorch}: the
 *                    {@code snn4j_dt} a file written by snn4j records, else 1e-4)
 * @param integration for the {@code nir} preset: Euler or exact steps (null: exact); ignored by the others
 */
public record ConversionOptions(Preset preset, Double dt, Preset.Integration integration) {

    public ConversionOptions {
        if (preset == null) {
            throw new IllegalArgumentException("a preset is required (snntorch, norse or nir)");
        }
        if (dt != null && !(dt > 0 && Double.isFinite(dt))) {
            throw new IllegalArgumentException("dt must be a positive number of seconds, got " + dt);
        }
        if (integration == null) {
            integration = Preset.Integration.EXACT;
        }
    }

    /** The preset with its default time step and exact integration. */
    public static ConversionOptions of(Preset preset) {
        return new ConversionOptions(preset, null, null);
    }
}
