/**
 * NeuroBench's Mackey-Glass chaotic prediction task: the delay differential equation and its integration
 * ({@link io.snn4j.bench.mackeyglass.MackeyGlassEquation}, {@link io.snn4j.bench.mackeyglass.Rk4DelaySolver}),
 * NeuroBench's sampling and protocol ({@link io.snn4j.bench.mackeyglass.MackeyGlassTask},
 * {@link io.snn4j.bench.mackeyglass.Smape}), the forecaster interface
 * ({@link io.snn4j.bench.mackeyglass.MackeyGlassModel}) with NeuroBench's echo state network and LSTM baselines and
 * a spiking model, and the runner ({@link io.snn4j.bench.mackeyglass.MackeyGlassBenchmark}), which also reports
 * NeuroBench's efficiency metrics of each model as NeuroBench's Mackey-Glass scripts compute them, through the
 * NeuroBench harness ({@link io.snn4j.bench.mackeyglass.MackeyGlassMetrics},
 * {@link io.snn4j.bench.mackeyglass.MackeyGlassBenchModel}, {@link io.snn4j.bench.mackeyglass.NeuroBenchForecaster}).
 * Everything is float64 except the LSTM and the LIF neurons, which run on snn4j-core's float32 layers. See
 * docs/mackey-glass.md.
 */
package io.snn4j.bench.mackeyglass;
