/**
 * Audio to spikes: WAV files through {@code javax.sound.sampled} ({@link io.snn4j.data.audio.Wav}), band-limited
 * resampling ({@link io.snn4j.data.audio.Resampler}), a gammatone filterbank
 * ({@link io.snn4j.data.audio.GammatoneFilterbank}) and the cochlea-model encoder
 * ({@link io.snn4j.data.audio.CochleaEncoder}) that gives {@link io.snn4j.data.audio.AudioSpikes}: events or
 * {@code [T, channels]} spike trains. docs/data.md ("Audio to spikes") describes the model and its parameters.
 */
package io.snn4j.data.audio;
