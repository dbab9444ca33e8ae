/**
 * SymSeqBench-style symbolic sequence tasks: generators, grammaticality checks, string metrics and trainable
 * tasks, following SymSeq ({@code github.com/symseqbench/SymSeq}).
 *
 * <ul>
 *   <li>Generators: {@link io.snn4j.bench.symseq.ArtificialGrammar} (finite-state grammars with transition
 *       probabilities; {@link io.snn4j.bench.symseq.GrammarPresets} from the literature,
 *       {@link io.snn4j.bench.symseq.GrammarSynthesis} to a target topological entropy),
 *       {@link io.snn4j.bench.symseq.DyckLanguage}, {@link io.snn4j.bench.symseq.NonAdjacentDependencies}
 *       (adjacent, nested, crossed), {@link io.snn4j.bench.symseq.NBack}, {@link io.snn4j.bench.symseq.NAX}. Each
 *       has an {@code isGrammatical} (or equivalent) check and draws from an {@link io.snn4j.core.Rng}.</li>
 *   <li>Metrics: {@link io.snn4j.bench.symseq.StringMetrics} (entropies in bits, topological entropy in nats),
 *       {@link io.snn4j.bench.symseq.StringSetMetrics} (distances, mutual information and string-set entropy in
 *       bits, associative chunk strength).</li>
 *   <li>Tasks: {@link io.snn4j.bench.symseq.SymSeqTask} (by name), {@link io.snn4j.bench.symseq.SymSeqData},
 *       {@link io.snn4j.bench.symseq.InputEncoding}, {@link io.snn4j.bench.symseq.SymSeqBatches} (a
 *       {@link io.snn4j.core.train.BatchSource}), {@link io.snn4j.bench.symseq.SymSeqLoss} and
 *       {@link io.snn4j.bench.symseq.SymSeqEvaluation}; {@link io.snn4j.bench.symseq.SymSeqRecipe}, the default
 *       spiking network and training per task family ({@code snn4j bench --task}).</li>
 * </ul>
 * docs/symseq.md describes them, with formulas and every difference from SymSeq.
 */
package io.snn4j.bench.symseq;
