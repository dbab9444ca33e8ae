package io.snn4j.data.model;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a trained model came from: stored in every model file so that a result can be traced to its code,
 * data, configuration and seed.
 *
 * @param snn4jVersion the snn4j version that wrote the file
 * @param createdUtc   ISO-8601 UTC time, e.g. {@code 2024-05-01T12:00:00Z}
 * @param seed         the run's seed, or null
 * @param dataset      a dataset name or description, or null
 * @param config       the run's configuration (JSON-like values: maps, lists, strings, numbers, booleans)
 * @param extra        anything else worth keeping (same kinds of values)
 */
public record Provenance(String snn4jVersion, String createdUtc, Long seed, String dataset,
                         Map<String, Object> config, Map<String, Object> extra) {
    private static final String VERSION = readVersion();

    public Provenance {
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Provenance stamped now with this library's version. */
    public static Provenance of(Long seed, String dataset, Map<String, Object> config) {
        return new Provenance(VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), seed, dataset,
                config, Map.of());
    }

    /** Provenance with nothing but the version and time. */
    public static Provenance empty() {
        return of(null, null, Map.of());
    }

    /** This library's version ({@code dev} when run from compiled classes rather than a jar). */
    public static String libraryVersion() {
        return VERSION;
    }

    /** A copy with one more {@link #extra()} entry. */
    public Provenance withExtra(String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>(extra);
        e.put(key, value);
        return new Provenance(snn4jVersion, createdUtc, seed, dataset, config, e);
    }

    private static String readVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream(
                "/META-INF/maven/io.snn4j/snn4j-data/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
        } catch (IOException ignored) {
            // fall through to "dev"
        }
        return "dev";
    }
}
