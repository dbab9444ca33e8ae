package io.snn4j.core.layer;

import io.snn4j.core.Rng;

/**
 * A gated recurrent unit layer, as PyTorch's single-layer {@code nn.GRU} (or {@code nn.GRUCell} unrolled over
 * time): {@code [T, B, input_size] -> [T, B, hidden_size]}, the hidden state of every step. With the gate blocks
 * r, z, n (PyTorch's order) of {@code x[t] W_ih^T + b_ih} (written {@code W_i. x + b_i.}) and of
 * {@code h[t-1] W_hh^T + b_hh} ({@code W_h. h + b_h.}):
 * <pre>
 * r = sigmoid(W_ir x + b_ir + W_hr h[t-1] + b_hr)
 * z = sigmoid(W_iz x + b_iz + W_hz h[t-1] + b_hz)
 * n = tanh(W_in x + b_in + r * (W_hn h[t-1] + b_hn))
 * h[t] = (1 - z) * n + z * h[t-1]
 * </pre>
 * Parameters (PyTorch's names and layout): {@code weight_ih [3H, input_size]}, {@code weight_hh [3H, H]},
 * {@code bias_ih [3H]}, {@code bias_hh [3H]} (absent with {@code bias = false}), all initialised
 * U(-1/sqrt(H), 1/sqrt(H)). A whole sequence starts from {@code h = 0}; {@link #step} keeps {@code h} until
 * {@link #resetState()} (a batch of another size starts from zero again). Spec type {@code gru}, keys
 * {@code input_size}, {@code hidden_size}, {@code bias} (default true).
 */
public final class Gru extends AbstractRecurrent {

    /**
     * @param inputSize  input features
     * @param hiddenSize hidden features H
     * @param bias       whether to learn {@code bias_ih} and {@code bias_hh}
     * @param rng        source of the initial parameters
     * @throws IllegalArgumentException when a size is below 1
     */
    public Gru(int inputSize, int hiddenSize, boolean bias, Rng rng) {
        super("gru", 3, inputSize, hiddenSize, bias, rng);
    }

    static Gru fromSpec(LayerSpec spec, Rng rng) {
        int[] s = sizesFromSpec(spec);
        return new Gru(s[0], s[1], spec.getBool("bias", true), rng);
    }

    @Override
    boolean hasCell() {
        return false;
    }

    @Override
    boolean hasAux() {
        return true;
    }

    @Override
    boolean separateHiddenGrad() {
        return true;
    }

    @Override
    boolean hasDirect() {
        return true;
    }

    @Override
    void forwardRow(Trace tr, int t, int b, float[] hp, float[] hPrev, int hOff, float[] cPrev, int cOff) {
        final int hid = hiddenSize;
        final float[] act = tr.act;
        final int a = (t * tr.batch + b) * gateRows;
        final int o = (t * tr.batch + b) * hid;
        for (int j = 0; j < hid; j++) {
            float r = sigmoid(act[a + j] + hp[j]);
            float z = sigmoid(act[a + hid + j] + hp[hid + j]);
            float hn = hp[2 * hid + j];
            float n = tanh(act[a + 2 * hid + j] + r * hn);
            float h = hPrev == null ? 0f : hPrev[hOff + j];
            act[a + j] = r;
            act[a + hid + j] = z;
            act[a + 2 * hid + j] = n;
            tr.aux[o + j] = hn;
            tr.h[o + j] = (1f - z) * n + z * h;
        }
    }

    @Override
    void backwardRow(Trace tr, int t, int b, float[] dh, float[] hPrev, int hOff, float[] cPrev, int cOff,
            float[] dc, float[] dIh, float[] dHh, float[] direct) {
        final int hid = hiddenSize;
        final float[] act = tr.act;
        final int a = (t * tr.batch + b) * gateRows;
        final int o = (t * tr.batch + b) * hid;
        for (int j = 0; j < hid; j++) {
            float r = act[a + j];
            float z = act[a + hid + j];
            float n = act[a + 2 * hid + j];
            float hn = tr.aux[o + j];
            float h = hPrev == null ? 0f : hPrev[hOff + j];
            float g = dh[j];
            float dan = g * (1f - z) * (1f - n * n);
            float dar = dan * hn * r * (1f - r);
            float daz = g * (h - n) * z * (1f - z);
            dIh[a + j] = dar;
            dIh[a + hid + j] = daz;
            dIh[a + 2 * hid + j] = dan;
            dHh[a + j] = dar;
            dHh[a + hid + j] = daz;
            dHh[a + 2 * hid + j] = dan * r;
            direct[j] = g * z;
        }
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("gru", "input_size", inputSize, "hidden_size", hiddenSize, "bias", hasBias());
    }
}
