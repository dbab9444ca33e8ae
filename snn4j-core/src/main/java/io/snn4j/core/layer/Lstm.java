package io.snn4j.core.layer;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;

/**
 * A long short-term memory layer, as PyTorch's single-layer {@code nn.LSTM} (or {@code nn.LSTMCell} unrolled over
 * time): {@code [T, B, input_size] -> [T, B, hidden_size]}, the hidden state of every step. With
 * {@code a = x[t] W_ih^T + b_ih + h[t-1] W_hh^T + b_hh} split into gate blocks i, f, g, o (PyTorch's order):
 * <pre>
 * i = sigmoid(a_i)   f = sigmoid(a_f)   g = tanh(a_g)   o = sigmoid(a_o)
 * c[t] = f * c[t-1] + i * g
 * h[t] = o * tanh(c[t])
 * </pre>
 * Parameters (PyTorch's names and layout): {@code weight_ih [4H, input_size]}, {@code weight_hh [4H, H]},
 * {@code bias_ih [4H]}, {@code bias_hh [4H]} (absent with {@code bias = false}), all initialised
 * U(-1/sqrt(H), 1/sqrt(H)). A whole sequence starts from {@code h = c = 0}; {@link #step} keeps {@code (h, c)}
 * until {@link #resetState()} (a batch of another size starts from zero again). Spec type {@code lstm}, keys
 * {@code input_size}, {@code hidden_size}, {@code bias} (default true).
 */
public final class Lstm extends AbstractRecurrent {

    /**
     * @param inputSize  input features
     * @param hiddenSize hidden features H
     * @param bias       whether to learn {@code bias_ih} and {@code bias_hh}
     * @param rng        source of the initial parameters
     * @throws IllegalArgumentException when a size is below 1
     */
    public Lstm(int inputSize, int hiddenSize, boolean bias, Rng rng) {
        super("lstm", 4, inputSize, hiddenSize, bias, rng);
    }

    static Lstm fromSpec(LayerSpec spec, Rng rng) {
        int[] s = sizesFromSpec(spec);
        return new Lstm(s[0], s[1], spec.getBool("bias", true), rng);
    }

    /** The cell state after the last {@link #step} or {@link #forwardStep}, {@code [B, H]} (a copy), or null. */
    public Tensor stateC() {
        return cellState();
    }

    @Override
    boolean hasCell() {
        return true;
    }

    @Override
    void forwardRow(Trace tr, int t, int b, float[] hp, float[] hPrev, int hOff, float[] cPrev, int cOff) {
        final int hid = hiddenSize;
        final float[] act = tr.act;
        final int a = (t * tr.batch + b) * gateRows;
        final int o = (t * tr.batch + b) * hid;
        for (int j = 0; j < hid; j++) {
            float i = sigmoid(act[a + j] + hp[j]);
            float f = sigmoid(act[a + hid + j] + hp[hid + j]);
            float g = tanh(act[a + 2 * hid + j] + hp[2 * hid + j]);
            float og = sigmoid(act[a + 3 * hid + j] + hp[3 * hid + j]);
            float cp = cPrev == null ? 0f : cPrev[cOff + j];
            float c = f * cp + i * g;
            act[a + j] = i;
            act[a + hid + j] = f;
            act[a + 2 * hid + j] = g;
            act[a + 3 * hid + j] = og;
            tr.c[o + j] = c;
            tr.h[o + j] = og * tanh(c);
        }
    }

    @Override
    void backwardRow(Trace tr, int t, int b, float[] dh, float[] hPrev, int hOff, float[] cPrev, int cOff,
            float[] dc, float[] dIh, float[] dHh, float[] direct) {
        final int hid = hiddenSize;
        final float[] act = tr.act;
        final int a = (t * tr.batch + b) * gateRows;
        final int o = (t * tr.batch + b) * hid;
        final int d = b * hid;
        for (int j = 0; j < hid; j++) {
            float i = act[a + j];
            float f = act[a + hid + j];
            float g = act[a + 2 * hid + j];
            float og = act[a + 3 * hid + j];
            float tc = tanh(tr.c[o + j]);
            float cp = cPrev == null ? 0f : cPrev[cOff + j];
            float dcT = dc[d + j] + dh[j] * og * (1f - tc * tc);
            dIh[a + j] = dcT * g * i * (1f - i);
            dIh[a + hid + j] = dcT * cp * f * (1f - f);
            dIh[a + 2 * hid + j] = dcT * i * (1f - g * g);
            dIh[a + 3 * hid + j] = dh[j] * tc * og * (1f - og);
            dc[d + j] = dcT * f;
        }
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("lstm", "input_size", inputSize, "hidden_size", hiddenSize, "bias", hasBias());
    }
}
