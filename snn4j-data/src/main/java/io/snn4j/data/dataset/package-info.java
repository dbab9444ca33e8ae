/**
 * Datasets for training: lazily loaded labelled samples ({@link io.snn4j.data.dataset.Dataset}), the built-in
 * MNIST family with checksummed downloads ({@link io.snn4j.data.dataset.MnistFamily},
 * {@link io.snn4j.data.dataset.Download}) and the Free Spoken Digit Dataset ({@link io.snn4j.data.dataset.Fsdd}),
 * an on-disk cache of converted samples ({@link io.snn4j.data.dataset.SampleCache}), seeded splits
 * ({@link io.snn4j.data.dataset.Splits}) and the {@link io.snn4j.data.dataset.Loader} that batches samples into
 * time-major {@code [T, B, ...]} spike tensors. docs/data.md ("Datasets and loaders") has examples.
 */
package io.snn4j.data.dataset;
