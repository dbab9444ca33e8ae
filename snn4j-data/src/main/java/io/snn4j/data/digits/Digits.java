package io.snn4j.data.digits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The handwritten digits dataset bundled with snn4j: 1,797 images of 8x8 pixels with values 0..16 and their
 * digit 0..9 (the UCI "Optical Recognition of Handwritten Digits" test set as shipped in scikit-learn,
 * CC BY 4.0; see NOTICE).
 */
public final class Digits {
    /** Samples in the dataset. */
    public static final int SAMPLES = 1797;
    /** Pixels per image (8 x 8). */
    public static final int FEATURES = 64;
    /** Digit classes 0..9. */
    public static final int CLASSES = 10;
    /** Largest pixel value; divide by it to get intensities in [0, 1]. */
    public static final float MAX_VALUE = 16f;

    private static final String RESOURCE = "digits.csv.gz";
    private static volatile ClassificationDataset cached;

    private Digits() {
    }

    /** All 1,797 samples in file order, features are raw pixel values 0..16 ({@code [N][64]}). */
    public static ClassificationDataset load() {
        ClassificationDataset d = cached;
        if (d == null) {
            try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("digits: resource " + RESOURCE + " missing from the class path");
                }
                d = parse(new GZIPInputStream(in));
            } catch (IOException e) {
                throw new UncheckedIOException("digits: cannot read the bundled " + RESOURCE, e);
            }
            cached = d;
        }
        return d;
    }

    /** Parses CSV lines of 64 pixel values followed by the label. */
    static ClassificationDataset parse(InputStream in) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",");
            if (parts.length != FEATURES + 1) {
                throw new IOException("digits line " + lineNo + ": expected " + (FEATURES + 1)
                        + " comma-separated values, got " + parts.length);
            }
            float[] f = new float[FEATURES];
            try {
                for (int i = 0; i < FEATURES; i++) {
                    f[i] = Float.parseFloat(parts[i].trim());
                }
                labels.add(Integer.parseInt(parts[FEATURES].trim()));
            } catch (NumberFormatException e) {
                throw new IOException("digits line " + lineNo + ": not a number: " + e.getMessage());
            }
            rows.add(f);
        }
        return new ClassificationDataset(rows.toArray(new float[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray(), CLASSES);
    }
}
