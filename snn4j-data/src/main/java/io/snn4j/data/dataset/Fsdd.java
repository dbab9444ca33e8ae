package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;
import io.snn4j.data.audio.AudioFileException;
import io.snn4j.data.audio.CochleaEncoder;
import io.snn4j.data.audio.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Free Spoken Digit Dataset (FSDD, CC BY-SA 4.0): WAV recordings named {@code {digit}_{speaker}_{index}.wav}
 * (3,000 recordings of 6 speakers saying each digit 50 times, 8 kHz mono). By the dataset's convention the
 * recordings with index 0 to 4 are the test split (300 recordings), the rest the training split.
 *
 * <p>Each sample is a recording turned into spikes by a {@link CochleaEncoder}: {@code [T_i, channels]} spike
 * counts (temporal). Recordings are read and converted when first asked for, kept in memory, and, with a cache
 * folder, stored on disk ({@link SampleCache}, keyed by the encoder's settings) so that later runs skip the
 * conversion.
 *
 * <pre>{@code
 * Fsdd fsdd = Fsdd.open(Path.of("../shared/data/fsdd"), CochleaEncoder.Params.defaults()
 *         .with(Map.of("sample_rate", 8000, "channels", 64)), SampleCache.defaultRoot());
 * Dataset train = fsdd.train();              // 2,700 recordings
 * Tensor x = train.sample(0);                // [T, 64] spike counts
 * }</pre>
 */
public final class Fsdd implements Dataset {
    /** Recordings with an index below this are the test split. */
    public static final int TEST_INDICES = 5;
    private static final Pattern NAME = Pattern.compile("(\\d)_([A-Za-z0-9-]+)_(\\d+)\\.wav");
    /** Changes whenever the conversion's algorithm changes, so that old cache entries are not reused. */
    static final String CONVERTER = "snn4j-cochlea-v1";

    private final Path dir;
    private final List<Recording> recordings;
    private final CochleaEncoder encoder;
    private final SampleCache cache;
    private final ConvertedFiles samples;

    /** One recording: its file, digit, speaker and index. */
    public record Recording(Path file, int digit, String speaker, int index) {
    }

    private Fsdd(Path dir, List<Recording> recordings, CochleaEncoder encoder, SampleCache cache) {
        this.dir = dir;
        this.recordings = recordings;
        this.encoder = encoder;
        this.cache = cache;
        this.samples = new ConvertedFiles(recordings.size(), cache, this::convert);
    }

    /**
     * Lists the recordings of an FSDD folder: the folder holding the WAV files, or its parent (the repository's
     * root, which has them in {@code recordings/}).
     *
     * @param cacheRoot folder for the on-disk cache of converted samples, or null for none
     * @throws UncheckedIOException naming the folder when it is missing, holds no recordings, or holds a WAV file
     *                              whose name does not follow {@code {digit}_{speaker}_{index}.wav}
     */
    public static Fsdd open(Path dir, CochleaEncoder.Params params, Path cacheRoot) {
        Path d = Files.isDirectory(dir.resolve("recordings")) ? dir.resolve("recordings") : dir;
        if (!Files.isDirectory(d)) {
            throw new UncheckedIOException(new IOException(dir + ": " + (Files.exists(dir) ? "is not a folder"
                    : "no such folder") + " (expected the FSDD folder of {digit}_{speaker}_{index}.wav recordings)"));
        }
        List<Recording> recs = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (!n.toLowerCase(java.util.Locale.ROOT).endsWith(".wav")) {
                    continue;
                }
                Matcher m = NAME.matcher(n);
                if (!m.matches()) {
                    throw new UncheckedIOException(new IOException(p + ": the name does not follow"
                            + " {digit}_{speaker}_{index}.wav (e.g. 7_jackson_32.wav)"));
                }
                recs.add(new Recording(p, Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(d + ": cannot list: " + e.getMessage(), e);
        }
        if (recs.isEmpty()) {
            throw new UncheckedIOException(new IOException(d + ": holds no .wav recordings (expected the FSDD"
                    + " folder of {digit}_{speaker}_{index}.wav files)"));
        }
        recs.sort(Comparator.comparingInt(Recording::digit).thenComparing(Recording::speaker)
                .thenComparingInt(Recording::index));
        SampleCache cache = cacheRoot == null ? null
                : new SampleCache(cacheRoot, "fsdd", CONVERTER + ";" + params.canonical());
        return new Fsdd(d, List.copyOf(recs), new CochleaEncoder(params), cache);
    }

    /** The folder of WAV files. */
    public Path dir() {
        return dir;
    }

    /** The recordings, sorted by digit, speaker and index. */
    public List<Recording> recordings() {
        return recordings;
    }

    /** The encoder that turns recordings into spikes. */
    public CochleaEncoder encoder() {
        return encoder;
    }

    /** The on-disk cache, or null. */
    public SampleCache cache() {
        return cache;
    }

    /** Recordings with index 5 and above. */
    public Dataset train() {
        return subset(indices(false));
    }

    /** Recordings with index 0 to 4 (the dataset's test convention). */
    public Dataset test() {
        return subset(indices(true));
    }

    private int[] indices(boolean test) {
        return java.util.stream.IntStream.range(0, recordings.size())
                .filter(i -> (recordings.get(i).index() < TEST_INDICES) == test).toArray();
    }

    @Override
    public int size() {
        return recordings.size();
    }

    @Override
    public int classes() {
        return 10;
    }

    @Override
    public int label(int i) {
        return recordings.get(i).digit();
    }

    /**
     * Recording {@code i} as spike counts {@code [T_i, channels]}.
     *
     * @throws AudioFileException naming the file when it cannot be read
     */
    @Override
    public Tensor sample(int i) {
        return samples.get(i, recordings.get(i).file());
    }

    private Tensor convert(Path f) {
        return encoder.encodeDense(Wav.read(f));
    }

    @Override
    public int[] shape() {
        return new int[] {encoder.params().channels()};
    }

    @Override
    public boolean temporal() {
        return true;
    }

    @Override
    public String name() {
        return "fsdd";
    }
}
