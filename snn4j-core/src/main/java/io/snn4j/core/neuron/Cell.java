package io.snn4j.core.neuron;

import io.snn4j.core.surrogate.Surrogate;

/**
 * Everything a neuron kernel needs besides the data: the model, its hyper-parameters and the (possibly
 * per-neuron) parameter arrays. Built per call from the layer's current parameter values, so kernels stay pure
 * functions of their arguments.
 */
final class Cell {
    static final int LEAKY = 0;
    static final int SYNAPTIC = 1;
    static final int INTEGRATOR = 2;
    static final int RLEAKY = 3;
    static final int RSYNAPTIC = 4;

    static final int SUB = 0;
    static final int ZERO = 1;
    static final int NONE = 2;

    final int kind;
    final int reset;
    final boolean delay;
    final float gsf;
    final Surrogate sur;
    /** Gradient-check mode: spikes are {@code sur.smooth(u)} instead of the step. */
    final boolean gc;
    final float[] beta;
    final float[] thr;
    final float[] alpha;
    /** Period of the per-neuron parameter index ({@code neuron = element % period}), or 0 for shared scalars. */
    final int period;
    /** Recurrent weights [N, N] ([out, in]), bias [N] (nullable) or one-to-one V [N]; null for non-recurrent. */
    final float[] w;
    final float[] bias;
    final float[] v;

    Cell(int kind, Reset reset, boolean delay, float gsf, Surrogate sur, boolean gc, float[] beta, float[] thr,
            float[] alpha, int period, float[] w, float[] bias, float[] v) {
        this.kind = kind;
        this.reset = reset == Reset.SUBTRACT ? SUB : reset == Reset.ZERO ? ZERO : NONE;
        this.delay = delay;
        this.gsf = gsf;
        this.sur = sur;
        this.gc = gc;
        this.beta = beta;
        this.thr = thr;
        this.alpha = alpha;
        this.period = period;
        this.w = w;
        this.bias = bias;
        this.v = v;
    }

    int pidx(int e) {
        return period == 0 ? 0 : e % period;
    }

    static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }

    /** The spike (before the graded factor) for {@code u = U - threshold}. */
    float spike(float u) {
        return gc ? sur.smooth(u) : (u > 0f ? 1f : 0f);
    }
}
