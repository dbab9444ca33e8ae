package io.snn4j.data.dataset;

import io.snn4j.data.events.Events;
import io.snn4j.data.events.NmnistBin;
import io.snn4j.data.events.SensorSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small synthetic N-MNIST-like data set, for testing the event pipeline end to end without the real
 * recordings: {@code classes} classes of a 5x5 square moving across a 34x34 sensor, class {@code c} moving in
 * direction {@code 360 * c / classes} degrees. Like N-MNIST each sample is three "saccades" of about 100 ms
 * (the square moves 4 pixels in each, at a random speed, with a random start offset of up to 2 pixels), the
 * leading edge giving ON events and the trailing edge OFF events, plus uniform noise events of both polarities.
 * Files are written in N-MNIST's layout, {@code Train/<label>/NNNNN.bin} and {@code Test/<label>/NNNNN.bin},
 * numbered from 1 within each split (unique across labels, as in N-MNIST). The output depends only on the
 * arguments (the seed), not on the machine.
 *
 * <pre>{@code
 * SyntheticNmnist.generate(Path.of("/tmp/nmnist-synth"), 30, 10, 42);   // 300 train, 100 test samples
 * }</pre>
 */
public final class SyntheticNmnist {
    /** The sensor, as N-MNIST's. */
    public static final SensorSize SENSOR = SensorSize.NMNIST;
    private static final int HALF = 2;             // square of 5x5 pixels
    private static final int SACCADES = 3;
    private static final double PIXELS_PER_SACCADE = 4;
    private static final double NOISE_PER_MS = 0.5; // noise events per millisecond

    private SyntheticNmnist() {
    }

    /**
     * {@code java -cp snn4j-cli/target/snn4j-cli-all.jar io.snn4j.data.dataset.SyntheticNmnist DIR [TRAIN_PER_CLASS
     * TEST_PER_CLASS [SEED]]}: writes the data set (defaults 30, 10, 42: 300 training and 100 test samples).
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 4 || args.length == 2) {
            System.err.println("usage: SyntheticNmnist DIR [TRAIN_PER_CLASS TEST_PER_CLASS [SEED]]");
            System.exit(2);
        }
        try {
            int train = args.length > 1 ? Integer.parseInt(args[1]) : 30;
            int test = args.length > 2 ? Integer.parseInt(args[2]) : 10;
            long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
            Path dir = Path.of(args[0]);
            generate(dir, train, test, seed);
            System.out.println("wrote " + 10 * (train + test) + " samples to " + dir.resolve("Train") + " and "
                    + dir.resolve("Test"));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("SyntheticNmnist: error: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes {@code trainPerClass} and {@code testPerClass} samples of each of 10 classes under {@code dir}.
     *
     * @throws UncheckedIOException naming the file that cannot be written
     */
    public static void generate(Path dir, int trainPerClass, int testPerClass, long seed) {
        generate(dir, 10, trainPerClass, testPerClass, seed);
    }

    /** As {@link #generate(Path, int, int, long)} with {@code classes} classes (2 to 36). */
    public static void generate(Path dir, int classes, int trainPerClass, int testPerClass, long seed) {
        if (classes < 2 || classes > 36) {
            throw new IllegalArgumentException("classes must be 2 to 36, got " + classes);
        }
        if (trainPerClass < 1 || testPerClass < 1) {
            throw new IllegalArgumentException("need at least one train and one test sample per class, got "
                    + trainPerClass + " and " + testPerClass);
        }
        SplittableRandom root = new SplittableRandom(seed);
        writeSplit(dir.resolve("Train"), classes, trainPerClass, root.split());
        writeSplit(dir.resolve("Test"), classes, testPerClass, root.split());
    }

    private static void writeSplit(Path dir, int classes, int perClass, SplittableRandom rng) {
        int n = 0;
        for (int k = 0; k < perClass; k++) {
            for (int c = 0; c < classes; c++) {
                n++;
                Events ev = sample(c, classes, rng.split());
                Path f = dir.resolve(Integer.toString(c)).resolve(String.format(Locale.ROOT, "%05d.bin", n));
                try {
                    NmnistBin.write(f, ev);
                } catch (IOException e) {
                    throw new UncheckedIOException(f + ": cannot write: " + e.getMessage(), e);
                }
            }
        }
    }

    /** One sample of class {@code c}: events sorted by time, on the 34x34 sensor. */
    public static Events sample(int c, int classes, SplittableRandom rng) {
        return sample(c, classes, rng, NOISE_PER_MS);
    }

    /** As {@link #sample(int, int, SplittableRandom)} with {@code noisePerMs} noise events per millisecond (< 1). */
    static Events sample(int c, int classes, SplittableRandom rng, double noisePerMs) {
        double angle = 2 * Math.PI * c / classes;
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double total = SACCADES * PIXELS_PER_SACCADE;
        double x = 16.5 - dx * total / 2 + rng.nextDouble(-2, 2);
        double y = 16.5 - dy * total / 2 + rng.nextDouble(-2, 2);
        Buf b = new Buf();
        long t0 = 0;
        boolean[] prev = cover(x, y);
        for (int s = 0; s < SACCADES; s++) {
            int ms = 80 + rng.nextInt(30);
            double step = PIXELS_PER_SACCADE / ms;
            for (int m = 0; m < ms; m++) {
                x += dx * step;
                y += dy * step;
                boolean[] now = cover(x, y);
                long base = (t0 + m) * 1000;
                int from = b.n;
                for (int i = 0; i < now.length; i++) {
                    if (now[i] != prev[i]) {
                        b.add(base + rng.nextInt(1000), i % SENSOR.width(), i / SENSOR.width(), now[i] ? 1 : 0);
                    }
                }
                int noise = rng.nextDouble() < noisePerMs ? 1 : 0;
                for (int k = 0; k < noise; k++) {
                    b.add(base + rng.nextInt(1000), rng.nextInt(SENSOR.width()), rng.nextInt(SENSOR.height()),
                            rng.nextInt(2));
                }
                b.sortFrom(from);
                prev = now;
            }
            t0 += ms + 5;
        }
        return b.events();
    }

    private static boolean[] cover(double cx, double cy) {
        boolean[] c = new boolean[SENSOR.width() * SENSOR.height()];
        int x0 = (int) Math.round(cx);
        int y0 = (int) Math.round(cy);
        for (int y = y0 - HALF; y <= y0 + HALF; y++) {
            for (int x = x0 - HALF; x <= x0 + HALF; x++) {
                if (x >= 0 && y >= 0 && x < SENSOR.width() && y < SENSOR.height()) {
                    c[y * SENSOR.width() + x] = true;
                }
            }
        }
        return c;
    }

    /** Growable event arrays. */
    private static final class Buf {
        long[] t = new long[1024];
        int[] x = new int[1024];
        int[] y = new int[1024];
        int[] p = new int[1024];
        int n;

        void add(long tt, int xx, int yy, int pp) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                x = Arrays.copyOf(x, n * 2);
                y = Arrays.copyOf(y, n * 2);
                p = Arrays.copyOf(p, n * 2);
            }
            t[n] = tt;
            x[n] = xx;
            y[n] = yy;
            p[n] = pp;
            n++;
        }

        /** Sorts events {@code from..n} by time (insertion sort; a millisecond holds few events). */
        void sortFrom(int from) {
            for (int i = from + 1; i < n; i++) {
                long tt = t[i];
                int xx = x[i];
                int yy = y[i];
                int pp = p[i];
                int j = i - 1;
                while (j >= from && t[j] > tt) {
                    t[j + 1] = t[j];
                    x[j + 1] = x[j];
                    y[j + 1] = y[j];
                    p[j + 1] = p[j];
                    j--;
                }
                t[j + 1] = tt;
                x[j + 1] = xx;
                y[j + 1] = yy;
                p[j + 1] = pp;
            }
        }

        Events events() {
            return Events.of(Arrays.copyOf(t, n), Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(p, n),
                    SENSOR);
        }
    }
}
