package io.snn4j.core.train;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The losses on a network's output sequence {@code [T, B, C]}, with snnTorch 0.9.4's semantics
 * ({@code snntorch.functional}). All reduce by the mean over the batch and return the exact gradient with
 * respect to every element of the output, as PyTorch's autograd would.
 *
 * <p>Spike-based losses ({@code ce_rate}, {@code ce_count}, {@code mse_count}) predict the class with the most
 * spikes; membrane-based ones predict from the membrane ({@code ce_max_membrane}: largest maximum over time;
 * {@code mse_membrane}, {@code ce_readout}: largest time mean). Ties go to the lowest class index.
 */
public final class Losses {
    /** Names accepted by {@link #fromName}. */
    public static final List<String> NAMES = List.of("ce_rate", "ce_count", "mse_count", "ce_max_membrane",
            "mse_membrane", "ce_readout");

    private Losses() {
    }

    /** Cross-entropy of the spikes at every step, averaged over the T steps ({@code ce_rate_loss}). */
    public static Loss ceRate() {
        return new CeRateLoss();
    }

    /** Cross-entropy of the spike counts over the T steps ({@code ce_count_loss}). */
    public static Loss ceCount() {
        return new CeCountLoss();
    }

    /** {@code mse_count_loss()} with snnTorch's defaults: correct rate 1, incorrect rate 0. */
    public static Loss mseCount() {
        return new MseCountLoss(1, 0);
    }

    /**
     * Mean squared error between spike counts and target counts {@code int(T * rate)}, divided by T
     * ({@code mse_count_loss(correct_rate, incorrect_rate)}).
     *
     * @param correctRate   target spikes per step of the labelled class, in [0, 1]
     * @param incorrectRate target spikes per step of the other classes, in [0, 1]
     */
    public static Loss mseCount(double correctRate, double incorrectRate) {
        return new MseCountLoss(correctRate, incorrectRate);
    }

    /** Cross-entropy of each output's maximum membrane over time ({@code ce_max_membrane_loss}). */
    public static Loss ceMaxMembrane() {
        return new CeMaxMembraneLoss();
    }

    /** {@code mse_membrane_loss()} with targets 1 (labelled class) and 0 (others). */
    public static Loss mseMembrane() {
        return new MseMembraneLoss(1, 0);
    }

    /**
     * Per-step mean squared error of the membrane against constant targets, averaged over steps. As in
     * snnTorch, when {@code onTarget > offTarget} a negative {@code offTarget} acts as 0.
     */
    public static Loss mseMembrane(double onTarget, double offTarget) {
        return new MseMembraneLoss(onTarget, offTarget);
    }

    /** Cross-entropy on the time mean of a non-spiking readout's membrane. */
    public static Loss ceReadout() {
        return new CeReadoutLoss();
    }

    /**
     * A loss by its config name. Options: {@code mse_count}: {@code correct_rate} (default 1),
     * {@code incorrect_rate} (0); {@code mse_membrane}: {@code on_target} (1), {@code off_target} (0); the
     * others take none.
     *
     * @param options may be null or empty
     * @throws IllegalArgumentException for an unknown name or option, naming the valid ones
     */
    public static Loss fromName(String name, Map<String, Object> options) {
        Map<String, Object> o = options == null ? Map.of() : options;
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; valid losses: "
                    + String.join(", ", NAMES));
        }
        switch (name) {
            case "mse_count":
                checkOptions(name, o, "correct_rate", "incorrect_rate");
                return mseCount(number(name, o, "correct_rate", 1), number(name, o, "incorrect_rate", 0));
            case "mse_membrane":
                checkOptions(name, o, "on_target", "off_target");
                return mseMembrane(number(name, o, "on_target", 1), number(name, o, "off_target", 0));
            default:
                checkOptions(name, o);
                return switch (name) {
                    case "ce_rate" -> ceRate();
                    case "ce_count" -> ceCount();
                    case "ce_max_membrane" -> ceMaxMembrane();
                    default -> ceReadout();
                };
        }
    }

    private static void checkOptions(String loss, Map<String, Object> o, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String k : o.keySet()) {
            if (!ok.contains(k)) {
                throw new IllegalArgumentException("unknown option '" + k + "' for loss '" + loss + "'; "
                        + (allowed.length == 0 ? "it takes no options" : "valid options: "
                        + String.join(", ", List.of(allowed))));
            }
        }
    }

    private static double number(String loss, Map<String, Object> o, String key, double dflt) {
        Object v = o.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("loss '" + loss + "': option '" + key + "' must be a number, got " + v);
    }
}
