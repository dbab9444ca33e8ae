package io.snn4j.data.model;

import io.snn4j.core.layer.Network;
import java.util.Map;

/**
 * A network read by {@link ModelFile#load}, with what the file says about it.
 *
 * @param network       the rebuilt network with the stored weights
 * @param inputShape    per-step input feature shape (without T and B), or null when the file does not say
 * @param provenance    where the model came from
 * @param metadata      free-form metadata saved with the model
 * @param formatVersion the file's format version
 */
public record LoadedModel(Network network, int[] inputShape, Provenance provenance, Map<String, Object> metadata,
                          int formatVersion) {
}
