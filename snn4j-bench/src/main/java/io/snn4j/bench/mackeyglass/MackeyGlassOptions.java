package io.snn4j.bench.mackeyglass;

/**
 * What {@link MackeyGlassBenchmark} runs.
 *
 * @param tau       delay of the Mackey-Glass equation, in (0, {@link #MAX_TAU}] (NeuroBench: 17..30)
 * @param repeats   repeats, 1..{@link #MAX_REPEATS} (NeuroBench: 30); repeat k starts int(k * 37.5) points later
 * @param modelKind one of {@link ModelKind#names()}
 * @param seed      seed of repeat 0's model; repeat k uses {@code seed + k} (NeuroBench: seed = repeat id, so 0)
 */
public record MackeyGlassOptions(double tau, int repeats, String modelKind, long seed) {
    /** Largest delay accepted: the solution is stored every 0.01 time units from t = 0, so memory grows with it. */
    public static final double MAX_TAU = 1000;
    /** Most repeats accepted (repeat k starts 37.5 k points, about 98.5 k time units, later). */
    public static final int MAX_REPEATS = 1000;

    /** NeuroBench's protocol for a model kind: tau 17, 30 repeats, seeds 0..29. */
    public static MackeyGlassOptions neuroBench(String modelKind) {
        return new MackeyGlassOptions(17, MackeyGlassTask.REPEATS, modelKind, 0);
    }

    /**
     * Checks the options; the message names the option and what it accepts.
     *
     * @return the model kind
     */
    public ModelKind validate() {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("--tau must be a finite number > 0, got " + tau);
        }
        if (tau > MAX_TAU) {
            throw new IllegalArgumentException("--tau must be <= " + (int) MAX_TAU + " (NeuroBench uses 17..30), got "
                    + tau);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        if (repeats > MAX_REPEATS) {
            throw new IllegalArgumentException("--repeats must be <= " + MAX_REPEATS + " (NeuroBench uses 30), got "
                    + repeats);
        }
        try {
            return ModelKind.parse(modelKind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model-kind: " + e.getMessage());
        }
    }
}
