package io.snn4j.cli;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.ArrayFileException;
import io.snn4j.data.io.Npy;
import io.snn4j.nir.convert.ConversionOptions;
import io.snn4j.nir.convert.Preset;
import io.snn4j.nir.convert.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j simulate}: runs a NIR graph (or an snn4j model) on an input and saves spikes and membranes. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = {"Runs a network on a time-major input [T, B, ...] (float32 .npy) and writes DIR/spikes.npy "
                + "(what reaches the Output node) and DIR/membrane.npy (the membrane of the last neuron layer before "
                + "it), both [T, B, ...] float32. A NIR file needs a --preset, because NIR stores no time step and "
                + "frameworks read its neurons differently (docs/interop.md); an snn4j model (.snn) runs as it is."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A .nir file or a .snn model.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X.npy",
            description = "Input, time-major [T, B, features...], float32 (float64 and integers are converted).")
    Path input;

    @Option(names = "--preset", paramLabel = "NAME", converter = PresetConverter.class,
            description = "How NIR's neurons step in time: snntorch (dt 1e-4), norse (dt 1e-3) or nir (NIR's "
                    + "equations, dt 1e-3 unless --dt). Required for a .nir model.")
    Preset preset;

    @Option(names = "--dt", paramLabel = "S", converter = DtConverter.class,
            description = "Time step in seconds (default: the preset's).")
    Double dt;

    @Option(names = "--integration", paramLabel = "euler|exact", converter = IntegrationConverter.class,
            description = "How the nir preset steps its equations: exact (default; the input held over each step) "
                    + "or euler.")
    Preset.Integration integration;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for spikes.npy and membrane.npy (created if needed).")
    Path out;

    @Spec
    CommandSpec spec;

    /** --preset values. */
    static final class PresetConverter implements CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            try {
                return Preset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected snntorch, norse or nir, got '" + value + "'");
            }
        }
    }

    /** --integration values. */
    static final class IntegrationConverter implements CommandLine.ITypeConverter<Preset.Integration> {
        @Override
        public Preset.Integration convert(String value) {
            try {
                return Preset.Integration.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected euler or exact, got '" + value + "'");
            }
        }
    }

    /** --dt values: positive seconds. */
    static final class DtConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("expected a time step in seconds, got '" + value + "'");
            }
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new CommandLine.TypeConversionException("the time step must be positive, got " + value);
            }
            return d;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean nir = NirModels.isNir(model);
        if (nir && preset == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--preset is required for a NIR model "
                    + "(snntorch, norse or nir): NIR stores no time step");
        }
        if (!nir && (preset != null || dt != null || integration != null)) {
            err.println("snn4j: note: --preset, --dt and --integration apply to NIR models; " + model
                    + " is an snn4j model, which runs as it is");
        }
        if (nir && integration != null && preset != Preset.NIR) {
            err.println("snn4j: note: --integration applies to the nir preset only; ignored");
        }
        NirModels.Runnable m = nir ? NirModels.fromNir(model, new ConversionOptions(preset, dt, integration))
                : NirModels.fromSnn(model);
        if (m.converted() != null) {
            for (String w : m.converted().warnings()) {
                err.println("snn4j: note: " + w);
            }
        }
        if (m.probe() == null) {
            throw UserError.about(model, "has no neuron layer before its output: there is no membrane to record");
        }
        Tensor x = NirModels.readNpy(input, "a .npy input [T, B, ...]").toTensor();
        Simulation.Result r;
        try {
            r = Simulation.run(m.network(), m.inputShape(), m.probe(), x);
        } catch (IllegalArgumentException e) {
            throw UserError.about(input, e.getMessage(), e);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw UserError.about(out, "is a file; --out needs a folder");
        }
        Files.createDirectories(out);
        Path spikes = out.resolve("spikes.npy");
        Path membrane = out.resolve("membrane.npy");
        try {
            Npy.write(spikes, r.output());
            Npy.write(membrane, r.membrane());
        } catch (ArrayFileException e) {
            throw new UserError(e.getMessage(), e);
        }
        int[] s = x.shape();
        String how = m.converted() == null ? "as stored"
                : String.format(Locale.ROOT, "preset %s, dt %s s%s", preset, fmt(m.converted().dt()),
                        preset == Preset.NIR ? ", " + (integration == null ? "exact" : integration.key())
                                + " integration" : "");
        o.printf(Locale.ROOT, "simulated %s: %d steps x %d samples (%s), %s output spikes%n", model, s[0], s[1], how,
                count(r.output()));
        o.printf(Locale.ROOT, "wrote %s %s and %s %s (membrane of %s)%n", spikes, Arrays.toString(r.output().shape()),
                membrane, Arrays.toString(r.membrane().shape()), m.probeName());
        o.flush();
        return 0;
    }

    private static String fmt(double d) {
        String s = String.format(Locale.ROOT, "%.6g", d);
        return s.contains("e") ? s.replaceAll("\\.?0+e", "e") : s.replaceAll("\\.?0+$", "");
    }

    private static String count(Tensor t) {
        double s = 0;
        for (float v : t.data()) {
            s += v;
        }
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%d", (long) s) : String.format(Locale.ROOT, "%.4g", s);
    }
}
