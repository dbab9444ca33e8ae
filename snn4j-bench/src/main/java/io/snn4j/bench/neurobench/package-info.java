/**
 * NeuroBench's algorithm-track metrics and harness for engine networks.
 *
 * <ul>
 *   <li>{@link io.snn4j.bench.neurobench.NeuroBench#run NeuroBench.run(network, batches, metric names, options)}:
 *   the one-call entry point; returns {@link io.snn4j.bench.neurobench.Results} (values keyed as NeuroBench keys
 *   them, JSON and CSV output, and a per-layer {@link io.snn4j.bench.neurobench.Breakdown}).</li>
 *   <li>{@link io.snn4j.bench.neurobench.Benchmark}: NeuroBench's {@code Benchmark(model, data, preprocessors,
 *   postprocessors, static metrics, workload metrics).run()}.</li>
 *   <li>{@link io.snn4j.bench.neurobench.SnnModel}: runs a {@code Sequential} or {@code Graph} step by step and
 *   records what NeuroBench's hooks would ({@link io.snn4j.bench.neurobench.Activity}).</li>
 *   <li>one class per metric, named as NeuroBench names it ({@link io.snn4j.bench.neurobench.SynapticOperations},
 *   {@link io.snn4j.bench.neurobench.Footprint}, ...), plus {@link io.snn4j.bench.neurobench.EnergyEstimate} and
 *   {@link io.snn4j.bench.neurobench.DecisionLatency}; {@link io.snn4j.bench.neurobench.Metrics}: lookup by
 *   name.</li>
 * </ul>
 * Batches are NeuroBench's {@code [B, T, ...]} ({@link io.snn4j.bench.neurobench.BenchBatch}); the engine runs
 * time-major {@code [T, B, ...]}. Definitions and every difference from NeuroBench 2.3: docs/neurobench.md.
 */
package io.snn4j.bench.neurobench;
