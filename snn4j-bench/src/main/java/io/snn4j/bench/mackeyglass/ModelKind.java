package io.snn4j.bench.mackeyglass;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The models {@link MackeyGlassBenchmark} can run, by the names the command line uses. */
public enum ModelKind {
    /** NeuroBench's ESN with its random-search hyperparameters for the task's tau (tau 17: 966 units). */
    ESN("esn") {
        @Override
        MackeyGlassModel create(double tau, long seed) {
            return new EchoStateNetwork(esnConfig(tau), seed);
        }
    },
    /** An ESN of the leaderboard's size: 186 units, connection probability 0.11 (see {@link EsnConfig#size186()}). */
    ESN_186("esn-186") {
        @Override
        MackeyGlassModel create(double tau, long seed) {
            return new EchoStateNetwork(EsnConfig.size186(), seed);
        }
    },
    /** NeuroBench's LSTM script: window 50, 40 hidden units, 200 Adam epochs ({@link LstmForecaster}). */
    LSTM("lstm") {
        @Override
        MackeyGlassModel create(double tau, long seed) {
            return new LstmForecaster(LstmForecaster.HIDDEN, seed);
        }
    },
    /**
     * The LSTM of the leaderboard's size, 100 hidden units (footprint 4.90E5 bytes in float64), trained with the
     * hyperparameters of our random search ({@link LstmForecaster#size100(long)}).
     */
    LSTM_100("lstm-100") {
        @Override
        MackeyGlassModel create(double tau, long seed) {
            return LstmForecaster.size100(seed);
        }
    },
    /** The spiking model: LIF neurons on a window of the series with a ridge readout ({@link LifReservoir}). */
    SNN("snn") {
        @Override
        MackeyGlassModel create(double tau, long seed) {
            return new LifReservoir(LifReservoirConfig.defaults(), seed);
        }
    };

    private final String cliName;

    ModelKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line, e.g. {@code esn-186}. */
    public String cliName() {
        return cliName;
    }

    /** A fresh, untrained model for the task's delay, drawn from {@code seed}. */
    abstract MackeyGlassModel create(double tau, long seed);

    /**
     * NeuroBench's ESN hyperparameters for {@code tau} when it has a row for it (integer tau in 17..30), else the
     * tau = 17 row.
     */
    static EsnConfig esnConfig(double tau) {
        boolean tabulated = tau == Math.rint(tau) && tau >= 17 && tau <= 30;
        return EsnConfig.neuroBench(tabulated ? tau : 17);
    }

    /** All names, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ModelKind::cliName).collect(Collectors.toList());
    }

    /**
     * The kind named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid kinds
     */
    public static ModelKind parse(String name) {
        if (name != null) {
            for (ModelKind k : values()) {
                if (k.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown model kind '" + name + "'; valid: " + String.join(", ", names()));
    }
}
