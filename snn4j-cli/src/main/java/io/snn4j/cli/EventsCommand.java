package io.snn4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.snn4j.data.events.EventFiles;
import io.snn4j.data.events.EventFormat;
import io.snn4j.data.events.EventStats;
import io.snn4j.data.events.Events;
import io.snn4j.data.events.Frames;
import io.snn4j.data.events.ReadOptions;
import io.snn4j.data.events.SensorSize;
import io.snn4j.data.events.ShdFile;
import io.snn4j.data.events.ToFrame;
import io.snn4j.data.io.ArrayFileException;
import io.snn4j.data.io.Npy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j events ...}: event-camera and spike files (io.snn4j.data.events). */
@Command(name = "events", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = {"Reads event-camera and spike files: N-MNIST/N-Caltech101 .bin, Prophesee DAT, EVT 2.0 and "
                + "EVT 3.0, AEDAT 2.0, 3.1 and 4, SHD/SSC HDF5. The format is recognised from the content, not the "
                + "name."},
        subcommands = {EventsCommand.Info.class, EventsCommand.FramesCmd.class, CommandLine.HelpCommand.class})
final class EventsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options both subcommands share. */
    static final class ReadArgs {
        @Option(names = "--sensor", paramLabel = "W,H,P", converter = SensorConverter.class,
                description = "Sensor size to use instead of the file's (events outside it are an error).")
        SensorSize sensor;

        @Option(names = "--allow-unsorted",
                description = "Accept timestamps that go back in time (kept in file order; frames need sorted "
                        + "events, so 'frames' sorts them, stably).")
        boolean allowUnsorted;

        ReadOptions options() {
            return ReadOptions.DEFAULT.withSensorSize(sensor).withAllowUnsorted(allowUnsorted);
        }
    }

    static final class SensorConverter implements CommandLine.ITypeConverter<SensorSize> {
        @Override
        public SensorSize convert(String value) {
            try {
                return SensorSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static void requireFile(Path file) {
        if (Files.isDirectory(file)) {
            throw UserError.about(file, "is a folder; expected an event file");
        }
        if (!Files.exists(file)) {
            throw UserError.about(file, "no such file");
        }
    }

    /** {@code snn4j events info FILE}: count, time range, sensor size, ON and OFF counts. */
    @Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
            description = {"Prints the format, number of events, first and last timestamp (microseconds), sensor "
                    + "size (W,H,P), and the ON and OFF counts, reading the file in chunks. For SHD/SSC files the "
                    + "figures cover all samples, plus the number of samples and classes."})
    static final class Info implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "An event file.")
        Path file;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @ArgGroup(exclusive = false)
        ReadArgs read = new ReadArgs();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws JsonProcessingException {
            requireFile(file);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", file.toString());
            EventFormat format = EventFiles.detect(file);
            r.put("format", format.label());
            EventStats s;
            if (format == EventFormat.SHD_HDF5) {
                s = shdStats(r);
            } else {
                s = EventFiles.stats(file, read.options());
            }
            r.put("count", s.count());
            r.put("t_min", s.count() > 0 ? s.tMin() : null);
            r.put("t_max", s.count() > 0 ? s.tMax() : null);
            SensorSize z = s.sensorSize();
            Map<String, Object> sensor = new LinkedHashMap<>();
            sensor.put("width", z.width());
            sensor.put("height", z.height());
            sensor.put("polarities", z.polarities());
            r.put("sensor", sensor);
            r.put("on", s.on());
            r.put("off", s.off());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
            } else {
                out.printf(Locale.ROOT, "file:     %s%n", file);
                out.printf(Locale.ROOT, "format:   %s%n", format.label());
                if (r.containsKey("samples")) {
                    out.printf(Locale.ROOT, "samples:  %,d (%d classes)%n", (Integer) r.get("samples"),
                            (Integer) r.get("classes"));
                }
                out.printf(Locale.ROOT, "count:    %,d events%n", s.count());
                if (s.count() > 0) {
                    out.printf(Locale.ROOT, "t_min:    %d us%n", s.tMin());
                    out.printf(Locale.ROOT, "t_max:    %d us (%s s after t_min)%n", s.tMax(),
                            String.format(Locale.ROOT, "%.6f", (s.tMax() - s.tMin()) / 1e6));
                } else {
                    out.println("t_min:    -");
                    out.println("t_max:    -");
                }
                out.printf(Locale.ROOT, "sensor:   %s (W,H,P)%n", z);
                out.printf(Locale.ROOT, "on:       %,d%n", s.on());
                out.printf(Locale.ROOT, "off:      %,d%n", s.off());
            }
            out.flush();
            return 0;
        }

        private EventStats shdStats(Map<String, Object> r) {
            try (ShdFile f = ShdFile.open(file)) {
                EventStats.Accumulator a = new EventStats.Accumulator();
                for (int i = 0; i < f.size(); i++) {
                    Events e = f.sample(i);
                    for (int k = 0; k < e.size(); k++) {
                        a.add(e.t(k), e.x(k), e.y(k), e.p(k));
                    }
                }
                r.put("samples", f.size());
                r.put("classes", f.numClasses());
                return a.result(SensorSize.SHD);
            }
        }
    }

    /** Exactly one slicing method. */
    static final class Slicing {
        @Option(names = "--time-window", paramLabel = "US", description = "Frames of US microseconds.")
        Double timeWindow;

        @Option(names = "--event-count", paramLabel = "N", description = "Frames of N events.")
        Integer eventCount;

        @Option(names = "--n-time-bins", paramLabel = "N", description = "N frames of equal duration.")
        Integer nTimeBins;

        @Option(names = "--n-event-bins", paramLabel = "N", description = "N frames of equally many events.")
        Integer nEventBins;
    }

    /** {@code snn4j events frames FILE ... --out X.npy}: tonic's ToFrame. */
    @Command(name = "frames", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
            description = {"Counts events into frames exactly as tonic's ToFrame does (same slicing, same quirks: "
                    + "see docs/data.md) and writes them as .npy: int16 [T, P, H, W] ([T, P, W] for SHD/SSC "
                    + "samples; tonic's float64 zeros [T, P, W, H] for a file without events). The file is written "
                    + "to a temporary file and renamed."})
    static final class FramesCmd implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "An event file (for SHD/SSC: --sample picks the sample).")
        Path file;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Slicing slicing;

        @Option(names = "--overlap", paramLabel = "X", defaultValue = "0",
                description = "Overlap of consecutive frames: microseconds (--time-window), events (--event-count) "
                        + "or a fraction of a bin below 1 (--n-time-bins, --n-event-bins). Default 0.")
        double overlap;

        @Option(names = "--include-incomplete",
                description = "Keep the last, shorter frame (--time-window and --event-count only).")
        boolean includeIncomplete;

        @Option(names = "--sample", paramLabel = "I", defaultValue = "0",
                description = "For SHD/SSC files: which sample (default 0).")
        int sample;

        @Option(names = "--out", required = true, paramLabel = "X.npy", description = "The .npy file to write.")
        Path out;

        @ArgGroup(exclusive = false)
        ReadArgs read = new ReadArgs();

        @Spec
        CommandSpec spec;

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }

        @Override
        public Integer call() {
            ToFrame f;
            try {
                if (slicing.timeWindow != null) {
                    f = ToFrame.timeWindow(slicing.timeWindow);
                } else if (slicing.eventCount != null) {
                    f = ToFrame.eventCount(slicing.eventCount);
                } else if (slicing.nTimeBins != null) {
                    f = ToFrame.nTimeBins(slicing.nTimeBins);
                } else {
                    f = ToFrame.nEventBins(slicing.nEventBins);
                }
                f.overlap(overlap);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            if (includeIncomplete && slicing.timeWindow == null && slicing.eventCount == null) {
                throw usage("--include-incomplete applies to --time-window and --event-count only");
            }
            f.includeIncomplete(includeIncomplete);
            if (Files.isDirectory(out)) {
                throw UserError.about(out, "is a folder; --out needs a file name such as frames.npy");
            }
            requireFile(file);
            Events ev;
            if (EventFiles.detect(file) == EventFormat.SHD_HDF5) {
                try (ShdFile shd = ShdFile.open(file)) {
                    if (sample < 0 || sample >= shd.size()) {
                        throw usage("--sample " + sample + ": " + file + " has samples 0.." + (shd.size() - 1));
                    }
                    ev = shd.sample(sample);
                }
                if (read.sensor != null) {
                    ev = ev.withSensorSize(read.sensor);
                }
            } else {
                if (sample != 0) {
                    spec.commandLine().getErr().println("snn4j: note: --sample applies to SHD/SSC files; " + file
                            + " is one recording");
                }
                ev = EventFiles.read(file, read.options());
            }
            if (read.allowUnsorted) {
                ev = ev.sortedByTime();
            }
            Frames frames;
            try {
                frames = f.apply(ev);
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": " + e.getMessage(), e);
            }
            try {
                Npy.write(out, frames.toNdArray());
            } catch (ArrayFileException e) {
                throw new UserError(e.getMessage(), e);
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "wrote %s: %s %s, %,d events in %d frames%s%n", out,
                    frames.isTonicEmptyQuirk() ? "float64" : "int16", Arrays.toString(frames.shape()), ev.size(),
                    frames.frameCount(), frames.isTonicEmptyQuirk()
                            ? " (no events: tonic's zeros, shape [T, P, W, H])" : "");
            o.flush();
            return 0;
        }
    }
}
