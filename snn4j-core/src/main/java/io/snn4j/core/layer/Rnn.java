package io.snn4j.core.layer;

import io.snn4j.core.Rng;

/**
 * An Elman recurrent layer, as PyTorch's single-layer {@code nn.RNN} (or {@code nn.RNNCell} unrolled over time):
 * {@code [T, B, input_size] -> [T, B, hidden_size]},
 * <pre>
 * h[t] = act(x[t] W_ih^T + b_ih + h[t-1] W_hh^T + b_hh),   act = tanh (default) or relu
 * </pre>
 * Parameters (PyTorch's names and layout): {@code weight_ih [H, input_size]}, {@code weight_hh [H, H]},
 * {@code bias_ih [H]}, {@code bias_hh [H]} (absent with {@code bias = false}), all initialised
 * U(-1/sqrt(H), 1/sqrt(H)). A whole sequence starts from {@code h = 0}; {@link #step} keeps {@code h} until
 * {@link #resetState()} (a batch of another size starts from zero again). Spec type {@code rnn}, keys
 * {@code input_size}, {@code hidden_size}, {@code bias} (default true), {@code nonlinearity} ({@code tanh} or
 * {@code relu}, default tanh). The relu's derivative at 0 is 0, as PyTorch's.
 */
public final class Rnn extends AbstractRecurrent {
    private final boolean relu;

    /** A tanh RNN. */
    public Rnn(int inputSize, int hiddenSize, boolean bias, Rng rng) {
        this(inputSize, hiddenSize, bias, "tanh", rng);
    }

    /**
     * @param inputSize    input features
     * @param hiddenSize   hidden features H
     * @param bias         whether to learn {@code bias_ih} and {@code bias_hh}
     * @param nonlinearity {@code "tanh"} or {@code "relu"}
     * @param rng          source of the initial parameters
     * @throws IllegalArgumentException when a size is below 1 or the nonlinearity is unknown
     */
    public Rnn(int inputSize, int hiddenSize, boolean bias, String nonlinearity, Rng rng) {
        super("rnn", 1, inputSize, hiddenSize, bias, rng);
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException("rnn: nonlinearity must be 'tanh' or 'relu', got '" + nonlinearity
                    + "'");
        }
        this.relu = "relu".equals(nonlinearity);
    }

    static Rnn fromSpec(LayerSpec spec, Rng rng) {
        int[] s = sizesFromSpec(spec, "nonlinearity");
        return new Rnn(s[0], s[1], spec.getBool("bias", true), spec.getString("nonlinearity", "tanh"), rng);
    }

    /** {@code "tanh"} or {@code "relu"}. */
    public String nonlinearity() {
        return relu ? "relu" : "tanh";
    }

    @Override
    boolean hasCell() {
        return false;
    }

    @Override
    void forwardRow(Trace tr, int t, int b, float[] hp, float[] hPrev, int hOff, float[] cPrev, int cOff) {
        final int hid = hiddenSize;
        final float[] act = tr.act;
        final int a = (t * tr.batch + b) * hid;
        for (int j = 0; j < hid; j++) {
            float v = act[a + j] + hp[j];
            float h = relu ? (v > 0f ? v : 0f) : tanh(v);
            act[a + j] = h;
            tr.h[a + j] = h;
        }
    }

    @Override
    void backwardRow(Trace tr, int t, int b, float[] dh, float[] hPrev, int hOff, float[] cPrev, int cOff,
            float[] dc, float[] dIh, float[] dHh, float[] direct) {
        final int hid = hiddenSize;
        final int a = (t * tr.batch + b) * hid;
        final float[] h = tr.h;
        for (int j = 0; j < hid; j++) {
            float y = h[a + j];
            dIh[a + j] = relu ? (y > 0f ? dh[j] : 0f) : dh[j] * (1f - y * y);
        }
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("rnn", "input_size", inputSize, "hidden_size", hiddenSize, "bias", hasBias(),
                "nonlinearity", nonlinearity());
    }
}
