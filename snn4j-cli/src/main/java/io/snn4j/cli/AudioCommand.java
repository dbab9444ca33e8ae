package io.snn4j.cli;

import io.snn4j.core.Tensor;
import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.AudioFileException;
import io.snn4j.data.audio.AudioSpikes;
import io.snn4j.data.audio.CochleaEncoder;
import io.snn4j.data.audio.Wav;
import io.snn4j.data.io.ArrayFileException;
import io.snn4j.data.io.Npy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j audio ...}: audio files to spikes. */
@Command(name = "audio", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = "Audio to spikes with the cochlea-model encoder (see docs/data.md).",
        subcommands = {AudioCommand.Spikes.class, CommandLine.HelpCommand.class})
final class AudioCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code snn4j audio spikes FILE.wav --channels N --out X.npy}. */
    @Command(name = "spikes", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
            description = "Turns a WAV file into spike trains, one leaky integrate-and-fire neuron per gammatone "
                    + "channel, and writes them as a [T, channels] float32 .npy file (spike counts per step).")
    static final class Spikes implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.wav", description = "A WAV file (PCM 8/16/24/32-bit, float, "
                + "µ-law or A-law; channels are averaged to mono).")
        Path file;

        @Option(names = "--out", required = true, paramLabel = "X.npy", description = "The spikes, [T, channels] "
                + "float32.")
        Path out;

        @Option(names = "--channels", paramLabel = "N", description = "Filterbank channels (default 64).")
        Integer channels;

        @Option(names = "--sample-rate", paramLabel = "HZ", description = "Resample to this rate first (default "
                + "16000).")
        Integer sampleRate;

        @Option(names = "--dt", paramLabel = "S", description = "Seconds per step (default 0.001).")
        Double dt;

        @Option(names = "--bin", paramLabel = "K", description = "Sum every K steps into one (default 1).")
        Integer bin;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any other encoder option (f_min, f_max, "
                + "normalize, compression, range_db, exponent, hair_cell_cutoff, tau, gain, threshold, reset, "
                + "refractory); repeatable.")
        List<String> set;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Object> opts = new LinkedHashMap<>();
            if (set != null) {
                for (String kv : set) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--set expects KEY=VALUE, got '"
                                + kv + "'");
                    }
                    opts.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
                }
            }
            put(opts, "channels", channels);
            put(opts, "sample_rate", sampleRate);
            put(opts, "dt", dt);
            put(opts, "bin", bin);
            CochleaEncoder.Params params;
            try {
                params = CochleaEncoder.Params.defaults().with(opts);
            } catch (IllegalArgumentException e) {
                String key = e.getMessage().replaceFirst(":.*", "");
                String flag = switch (key) {
                    case "channels", "dt", "bin" -> "--" + key;
                    case "sample_rate" -> "--sample-rate";
                    default -> "--set " + key;
                };
                throw new CommandLine.ParameterException(spec.commandLine(), flag + ": "
                        + e.getMessage().replaceFirst("^[^:]*: ", ""));
            }
            if (!Files.exists(file)) {
                throw UserError.about(file, "no such file (expected a WAV file)");
            }
            if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
                throw UserError.about(out, "the folder " + out.getParent() + " does not exist");
            }
            Audio audio;
            AudioSpikes s;
            try {
                audio = Wav.read(file);
                s = new CochleaEncoder(params).encode(audio);
                Tensor dense = s.toDense(params.bin());
                Npy.write(out, dense);
                PrintWriter o = spec.commandLine().getOut();
                o.printf(Locale.ROOT, "%s: %.3f s at %d Hz -> %d spikes in %d steps of %s ms, %d channels "
                                + "(%.0f-%.0f Hz)%n", file, audio.seconds(), audio.sampleRate(), s.count(),
                        dense.dim(0), fmt(params.dt() * params.bin() * 1000), params.channels(),
                        ((Number) params.toMap().get("f_min")).doubleValue(), params.fMax());
                o.printf(Locale.ROOT, "wrote %s [%d, %d] float32%n", out, dense.dim(0), dense.dim(1));
                o.flush();
            } catch (AudioFileException | ArrayFileException e) {
                throw new UserError(e.getMessage(), e);
            }
            return 0;
        }

        private static void put(Map<String, Object> m, String key, Object v) {
            if (v != null) {
                m.put(key, v);
            }
        }

        private static String fmt(double d) {
            double r = Math.round(d * 1e6) / 1e6;
            return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
        }
    }
}
