package io.snn4j.bench.neurobench;

/**
 * Synaptic operations of one step of a recurrent cell (RNN, LSTM, GRU) with NeuroBench's rules
 * ({@code neurobench/metrics/utils/layers/macs.py}: {@code rnn_cell_macs}, {@code lstm_cell_macs},
 * {@code gru_cell_macs}). Everything is binarised (non-zero -> 1; for the dense count every weight, input and state
 * -> 1), biases take part only in deciding which gates are non-zero, and the element-wise gate products count one
 * operation per non-zero product:
 * <ul>
 *   <li>RNN: {@code W_ih x + W_hh h}.</li>
 *   <li>LSTM: {@code sum(W_ih x + W_hh h)} over the four gates, then {@code f*c + i*g} (each non-zero product one
 *   operation), then {@code o * tanh(c')}. A 25 -> 5 cell on a batch of two with everything non-zero: 615 per
 *   sample.</li>
 *   <li>GRU: {@code sum(W_ih x + W_hh h)} over the three gates, then {@code r * (W_hn h + b_hn)}, then
 *   {@code (1 - z) * n} and {@code z * h}. A 25 -> 5 cell: 465 per sample.</li>
 * </ul>
 * Three places differ from NeuroBench 2.3's code, where it contradicts its own comments (see docs/neurobench.md):
 * the GRU's {@code n} gate is built from {@code W_in x + b_in} (NeuroBench adds {@code W_hn h} and the third
 * element of {@code b_ih}), the LSTM's dense count sets {@code h} and {@code c} to one (NeuroBench only binarises
 * them), and a GRU without biases is counted (NeuroBench raises, which its harness turns into 0).
 *
 * <p>Public for models outside the engine that fill their own {@link Activity} (the Mackey-Glass LSTM forecaster
 * counts its cell with these rules at every autonomous step).
 */
public final class CellOps {
    private CellOps() {
    }

    /** Kinds of cell, with their number of gate blocks. */
    public enum Kind {
        RNN(1), LSTM(4), GRU(3);

        final int gates;

        Kind(int gates) {
            this.gates = gates;
        }
    }

    /**
     * Operations of one step over a batch.
     *
     * @param x     input {@code [B, in]}
     * @param h     hidden state before the step {@code [B, H]}, or null for zeros
     * @param c     LSTM cell state before the step {@code [B, H]}, or null for zeros (ignored for the others)
     * @param wIh   {@code [G*H, in]}
     * @param wHh   {@code [G*H, H]}
     * @param bIh   {@code [G*H]} or null
     * @param bHh   {@code [G*H]} or null
     * @param dense count every weight, input and state as non-zero
     */
    public static long step(Kind kind, float[] x, float[] h, float[] c, int batch, int in, int hidden, float[] wIh,
            float[] wHh, float[] bIh, float[] bHh, boolean dense) {
        int rows = kind.gates * hidden;
        long ops = 0;
        // per (row, sample): binarised products through W_ih and W_hh
        int[] ih = new int[rows * batch];
        int[] hh = new int[rows * batch];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < rows; r++) {
                int s = 0;
                for (int i = 0; i < in; i++) {
                    if (dense || (wIh[r * in + i] != 0f && x[b * in + i] != 0f)) {
                        s++;
                    }
                }
                int t = 0;
                for (int j = 0; j < hidden; j++) {
                    if (dense || (wHh[r * hidden + j] != 0f && h != null && h[b * hidden + j] != 0f)) {
                        t++;
                    }
                }
                ih[r * batch + b] = s;
                hh[r * batch + b] = t;
                ops += s + t;
            }
        }
        if (kind == Kind.RNN) {
            return ops;
        }
        int[] bias = new int[rows];
        int[] biasHh = new int[rows];
        int[] biasIh = new int[rows];
        for (int r = 0; r < rows; r++) {
            biasIh[r] = bIh != null && (dense || bIh[r] != 0f) ? 1 : 0;
            biasHh[r] = bHh != null && (dense || bHh[r] != 0f) ? 1 : 0;
            bias[r] = biasIh[r] + biasHh[r];
        }
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                if (kind == Kind.LSTM) {
                    int gi = nz(gate(ih, hh, bias, 0, hidden, j, b, batch));
                    int gf = nz(gate(ih, hh, bias, 1, hidden, j, b, batch));
                    int gg = nz(gate(ih, hh, bias, 2, hidden, j, b, batch));
                    int go = nz(gate(ih, hh, bias, 3, hidden, j, b, batch));
                    int cb = dense ? 1 : (c != null && c[b * hidden + j] != 0f ? 1 : 0);
                    int c1 = gf * cb + gi * gg;
                    ops += c1;
                    ops += go * nz(c1);
                } else {
                    int r = nz(gate(ih, hh, bias, 0, hidden, j, b, batch));
                    int zCount = gate(ih, hh, bias, 1, hidden, j, b, batch);
                    int nRow = 2 * hidden + j;
                    int hn = nz(hh[nRow * batch + b] + biasHh[nRow]);
                    int nTerm = r * hn;
                    ops += nTerm;
                    int n = nz(ih[nRow * batch + b] + biasIh[nRow] + nTerm);
                    int zA = nz(1 - zCount);
                    int z = nz(zCount);
                    int hb = dense ? 1 : (h != null && h[b * hidden + j] != 0f ? 1 : 0);
                    ops += nz(zA * n) + nz(z * hb);
                }
            }
        }
        return ops;
    }

    private static int gate(int[] ih, int[] hh, int[] bias, int g, int hidden, int j, int b, int batch) {
        int r = g * hidden + j;
        return ih[r * batch + b] + hh[r * batch + b] + bias[r];
    }

    private static int nz(int v) {
        return v != 0 ? 1 : 0;
    }
}
