package io.snn4j.data.events;

import java.util.Locale;

/**
 * The size of an event sensor as tonic writes it: {@code (width, height, polarities)}. Event coordinates lie in
 * {@code 0 <= x < width}, {@code 0 <= y < height}, {@code 0 <= p < polarities}. A one-dimensional sensor (a
 * cochlea: SHD's 700 channels) has height 1 and one polarity: {@code (700, 1, 1)}.
 */
public record SensorSize(int width, int height, int polarities) {

    /** N-MNIST's 34 x 34 ATIS crop, two polarities. */
    public static final SensorSize NMNIST = new SensorSize(34, 34, 2);
    /** DVS128 (DVS Gesture). */
    public static final SensorSize DVS128 = new SensorSize(128, 128, 2);
    /** SHD and SSC: 700 cochlea channels. */
    public static final SensorSize SHD = new SensorSize(700, 1, 1);

    public SensorSize {
        if (width < 1 || height < 1 || polarities < 1) {
            throw new IllegalArgumentException("sensor size (" + width + ", " + height + ", " + polarities
                    + "): width, height and polarities must be at least 1");
        }
        if ((long) width * height * polarities > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sensor size (" + width + ", " + height + ", " + polarities
                    + ") has more than 2^31 cells");
        }
    }

    /** Parses {@code W,H,P} (e.g. {@code 34,34,2}); spaces and an {@code x} separator are accepted too. */
    public static SensorSize parse(String text) {
        String[] parts = text.trim().split("\\s*[,x]\\s*");
        if (parts.length != 3) {
            throw new IllegalArgumentException("sensor size '" + text + "': expected W,H,P such as 34,34,2");
        }
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sensor size '" + text + "': '" + parts[i]
                        + "' is not a whole number (expected W,H,P such as 34,34,2)");
            }
        }
        return new SensorSize(v[0], v[1], v[2]);
    }

    /** The same size with another width. */
    public SensorSize withWidth(int w) {
        return new SensorSize(w, height, polarities);
    }

    /** Number of cells, width * height * polarities. */
    public int cells() {
        return width * height * polarities;
    }

    /** {@code W,H,P}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d,%d,%d", width, height, polarities);
    }
}
