package io.snn4j.bench.symseq;

import java.util.Locale;

/**
 * How a symbol sequence becomes a time-major input {@code [T, B, A]} (A = number of input symbols, one channel
 * each) and where decisions are read out.
 *
 * <p>Symbol i of a sample occupies the window of steps {@code [i W, (i + 1) W)}, {@code W = symbolSteps + gapSteps}:
 * its channel is on for the first {@code symbolSteps} steps, then all channels are silent for {@code gapSteps}
 * steps. A decision about symbol i (its target) is due on the last {@code readoutSteps} steps of its window. Steps
 * after a sample's last window (padding to the longest sample of the batch) are silent and carry no decision.
 *
 * <ul>
 *   <li>ONE_HOT: the active channel is 1 at every step of the symbol, all others 0 (a regular spike train, or a
 *       held one-hot current).</li>
 *   <li>POISSON: Bernoulli spikes per step (snnTorch's {@code spikegen.rate}): the active channel spikes with
 *       probability {@code rate}, every other channel with {@code noise}, during the symbol's steps; gap steps are
 *       silent. Seeded: the batches of an epoch depend only on the batch source's seed and the epoch.</li>
 * </ul>
 *
 * @param symbolSteps  steps each symbol is held (>= 1)
 * @param gapSteps     silent steps after each symbol (>= 0)
 * @param coding       ONE_HOT or POISSON
 * @param rate         spike probability per step of the active channel (POISSON; in (0, 1])
 * @param noise        spike probability per step of the inactive channels during a symbol (POISSON; in [0, 1))
 * @param readoutSteps steps at the end of each window on which a decision is read (1..symbolSteps + gapSteps)
 */
public record InputEncoding(int symbolSteps, int gapSteps, Coding coding, double rate, double noise,
                            int readoutSteps) {

    /** Symbol to spikes. */
    public enum Coding {
        ONE_HOT, POISSON
    }

    public InputEncoding {
        if (symbolSteps < 1) {
            throw new IllegalArgumentException("input encoding: symbolSteps must be >= 1, got " + symbolSteps);
        }
        if (gapSteps < 0) {
            throw new IllegalArgumentException("input encoding: gapSteps must be >= 0, got " + gapSteps);
        }
        if (coding == null) {
            throw new IllegalArgumentException("input encoding: coding is null; valid: onehot, poisson");
        }
        if (coding == Coding.POISSON && !(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("input encoding: rate must be in (0, 1] for poisson coding, got "
                    + rate);
        }
        if (!(noise >= 0 && noise < 1)) {
            throw new IllegalArgumentException("input encoding: noise must be in [0, 1), got " + noise);
        }
        if (coding == Coding.ONE_HOT && noise != 0) {
            throw new IllegalArgumentException("input encoding: noise needs poisson coding (onehot has none), got "
                    + noise);
        }
        if (readoutSteps < 1 || readoutSteps > symbolSteps + gapSteps) {
            throw new IllegalArgumentException("input encoding: readoutSteps must be in [1, symbolSteps + gapSteps = "
                    + (symbolSteps + gapSteps) + "], got " + readoutSteps);
        }
    }

    /** One-hot coding, decisions on the last step of each window. */
    public static InputEncoding oneHot(int symbolSteps, int gapSteps) {
        return new InputEncoding(symbolSteps, gapSteps, Coding.ONE_HOT, 1.0, 0.0, 1);
    }

    /** Steps per symbol, {@code symbolSteps + gapSteps}. */
    public int window() {
        return symbolSteps + gapSteps;
    }

    /** The same encoding with another number of readout steps. */
    public InputEncoding withReadoutSteps(int r) {
        return new InputEncoding(symbolSteps, gapSteps, coding, rate, noise, r);
    }

    /** Parses a coding name ({@code onehot}/{@code one_hot}, {@code poisson}/{@code rate}). */
    public static Coding coding(String name) {
        String k = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (k) {
            case "onehot" -> Coding.ONE_HOT;
            case "poisson", "rate" -> Coding.POISSON;
            default -> throw new IllegalArgumentException("input encoding: unknown coding '" + name
                    + "'; valid: onehot, poisson");
        };
    }

    @Override
    public String toString() {
        String c = coding == Coding.ONE_HOT ? "one-hot" : String.format(Locale.ROOT, "poisson(rate %.3g, noise %.3g)",
                rate, noise);
        return symbolSteps + " steps per symbol + " + gapSteps + " gap steps, " + c + ", readout on the last "
                + readoutSteps + " step(s) of each symbol";
    }
}
