package io.snn4j.core.neuron;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Neuron layers fed back their own previous spikes: all-to-all through an N x N linear map with bias (params
 * {@code recurrent.weight} [N, N] in PyTorch's [out, in] layout and {@code recurrent.bias} [N]) or one-to-one
 * through a per-neuron gain {@code V} [N]. Input {@code [T, B, N]}.
 */
abstract class RecurrentNeuron extends NeuronLayer {
    final int n;
    final boolean allToAll;
    final boolean hasBias;
    final boolean learnRecurrent;
    final float v0;
    final Parameter weightP;
    final Parameter biasP;
    final Parameter vP;
    /** The gradient buffer of the last whole-sequence backward, free for the next one ([T * B * N]). */
    private float[] spareGRec;
    /** The spikes that fed each step of {@link #listsTrace}, listed by the fast forward kernel. */
    private final RecurrentKernel.SpikeLists spikeLists = new RecurrentKernel.SpikeLists();
    private Trace listsTrace;
    /** Per-element partial sums of dL/dbias over the reverse passes since the last finishBackward ([B * N]). */
    private double[] biasPartial;
    /** The gradient accumulators {@link #biasPartial} belongs to: others start a new reverse pass. */
    private Grads biasOwner;
    /** The trace whose gRec is the caller's input gradient (not to be reused as a spare buffer). */
    private Trace sharedGRec;

    RecurrentNeuron(String type, int kind, RBuilder<?> b, boolean hasAlpha, Rng rng) {
        super(type, kind, b.normalise(type), hasAlpha, true);
        this.n = b.n;
        this.allToAll = b.allToAll;
        this.hasBias = b.bias;
        this.learnRecurrent = b.learnRecurrent;
        this.v0 = b.v;
        check(Float.isFinite(b.v), "V must be finite, got " + b.v);
        if (allToAll) {
            check(rng != null, "an Rng is needed to initialise the all-to-all recurrent weights");
            // PyTorch's nn.Linear default: weight and bias ~ U(-1/sqrt(in), 1/sqrt(in)).
            float k = (float) (1.0 / Math.sqrt(n));
            Tensor w = new Tensor(n, n);
            for (int i = 0; i < w.size(); i++) {
                w.data()[i] = rng.uniform(-k, k);
            }
            weightP = new Parameter("recurrent.weight", w, learnRecurrent);
            if (hasBias) {
                Tensor bt = new Tensor(n);
                for (int i = 0; i < n; i++) {
                    bt.data()[i] = rng.uniform(-k, k);
                }
                biasP = new Parameter("recurrent.bias", bt, learnRecurrent);
            } else {
                biasP = null;
            }
            vP = null;
        } else {
            weightP = null;
            biasP = null;
            vP = new Parameter("V", Tensor.full(b.v, n), learnRecurrent);
        }
    }

    /** Options shared by the recurrent builders. */
    abstract static class RBuilder<B extends RBuilder<B>> extends NeuronBuilder<B> {
        final int n;
        boolean allToAll = true;
        boolean bias = true;
        boolean learnRecurrent = true;
        float v = 1f;

        RBuilder(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("recurrent neurons: neurons must be positive, got " + n);
            }
            this.n = n;
            beta = 0.9f;
        }

        RBuilder<B> normalise(String type) {
            if (shape != null) {
                if (shape.length == 0) {
                    shape = new int[] {n};
                } else if (shape.length != 1 || shape[0] != n) {
                    throw new IllegalArgumentException(type + ": perNeuron shape must be [" + n + "], got "
                            + java.util.Arrays.toString(shape));
                }
            }
            return this;
        }

        /** Each neuron feeds back to all (snnTorch's {@code all_to_all=True}, the default). */
        public B allToAll() {
            allToAll = true;
            return self();
        }

        /** Each neuron feeds back only to itself, scaled by a per-neuron {@code V}. */
        public B oneToOne() {
            allToAll = false;
            return self();
        }

        /** Whether the all-to-all map has a bias (default true, as nn.Linear). */
        public B bias(boolean bias) {
            this.bias = bias;
            return self();
        }

        /** Initial one-to-one gain V (default 1). */
        public B v(float v) {
            this.v = v;
            return self();
        }

        /** Whether the recurrent weights are trained (default true, snnTorch's {@code learn_recurrent}). */
        public B learnRecurrent(boolean learn) {
            this.learnRecurrent = learn;
            return self();
        }

        public B beta(float beta) {
            this.beta = beta;
            return self();
        }

        public B learnBeta(boolean learn) {
            this.learnBeta = learn;
            return self();
        }

        void readRecurrent(LayerSpec s) {
            readCommon(s);
            shape = s.getBool("per_neuron", false) ? new int[] {n} : null;
            beta = (float) s.getDouble("beta", beta);
            learnBeta = s.getBool("learn_beta", false);
            allToAll = s.getBool("all_to_all", true);
            bias = s.getBool("bias", true);
            v = (float) s.getDouble("v", 1.0);
            learnRecurrent = s.getBool("learn_recurrent", true);
        }
    }

    static int specNeurons(LayerSpec s) {
        int n = s.requireInt("neurons");
        if (n <= 0) {
            throw new IllegalArgumentException(s.type() + ": 'neurons' must be positive, got " + n);
        }
        return n;
    }

    @Override
    int[] requiredShape() {
        return new int[] {n};
    }

    @Override
    Cell cell(boolean gc) {
        return elementCell(gc, shape == null ? 0 : n, weightP == null ? null : weightP.value().data(),
                biasP == null ? null : biasP.value().data(), vP == null ? null : vP.value().data());
    }

    @Override
    List<Parameter> extraParameters() {
        List<Parameter> ps = new ArrayList<>();
        if (weightP != null) {
            ps.add(weightP);
        }
        if (biasP != null) {
            ps.add(biasP);
        }
        if (vP != null) {
            ps.add(vP);
        }
        return ps;
    }

    @Override
    void kernelForward(Cell c, Trace tr, boolean keep) {
        int len = tr.steps * tr.elements();
        // without keep (inference) nothing reads the spikes after this call, so the output needs no own copy
        boolean shareOut = !keep;
        boolean generic = RecurrentKernel.backwardNeedsInput(c);
        // the general kernel reads its own per-step state back
        keep |= generic;
        // whole-sequence calls inside a Sequential get reused arrays (the kernels overwrite every element)
        tr.mem = keep ? alloc(tr.memSlot, len) : null;
        tr.spk = alloc(tr.outSlot, len);
        // only the general RLeaky reverse pass rebuilds the membrane from the recurrent input (RSynaptic: the current)
        tr.rec = kind == Cell.RLEAKY && generic ? new float[len] : null;
        tr.syn = keep && kind == Cell.RSYNAPTIC ? alloc(tr.synSlot, len) : null;
        // the fast all-to-all kernel lists the spikes that fed each step for the weight gradient (see finishBackward)
        boolean list = !shareOut && !generic && allToAll && learnRecurrent && tr.steps > 1;
        RecurrentKernel.forward(c, tr.x, tr.steps, tr.batch, n, tr.mem0, tr.syn0, tr.spk0, tr.mem, tr.syn, tr.spk,
                tr.rec, list ? spikeLists : null);
        listsTrace = list ? tr : null;
        // The caller may modify the output, so the recurrence keeps its own copy of the spikes where it reads them
        // again: in the recurrent weight gradient unless they were listed, and as the state a one-step trace hands
        // to the next step. (A longer trace's final state is copied out by the caller right after this call.)
        boolean spikesRead = learnRecurrent && !list || tr.steps == 1;
        tr.out = shareOut || !spikesRead ? tr.spk : tr.spk.clone();
        if (!generic) {
            tr.x = null;
        }
    }

    @Override
    void kernelBackward(Cell c, Trace tr, float[] gOut, float[] gIn, Grads g) {
        int len = tr.steps * tr.elements();
        if (gIn != null && tr.steps > 1) {
            // dL/d(recurrent input) equals dL/d(input): a trace of several steps gets its finishBackward before
            // the caller sees gIn (only recorded one-step traces wait for later), so it can share that array
            tr.gRec = gIn;
            sharedGRec = tr;
        } else {
            sharedGRec = null;
            // the kernel overwrites every element, so a buffer released by an earlier finishBackward can be reused
            float[] spare = spareGRec;
            spareGRec = null;
            tr.gRec = spare != null && spare.length == len ? spare : new float[len];
        }
        double[] pBias = null;
        if (learnRecurrent && biasP != null) {
            if (biasPartial == null || biasPartial.length != tr.elements()) {
                biasPartial = new double[tr.elements()];
            } else if (biasOwner != g) {
                // a reverse pass that was left unfinished (e.g. recorded steps dropped by resetState)
                java.util.Arrays.fill(biasPartial, 0.0);
            }
            biasOwner = g;
            pBias = biasPartial;
        }
        RecurrentKernel.backward(c, tr.x, tr.steps, tr.batch, n, tr.mem0, tr.syn0, tr.spk0, tr.mem, tr.syn, tr.rec,
                gOut, gIn, g.cu, g.cs, g.ck, tr.gRec, g.pb, g.pt, g.pa, pBias);
    }

    @Override
    void finishBackward(List<Trace> traces) {
        if (!learnRecurrent || traces.isEmpty()) {
            return;
        }
        int steps = 0;
        for (Trace tr : traces) {
            steps += tr.steps;
        }
        float[][] g = new float[steps][];
        int[] gOff = new int[steps];
        float[][] s = new float[steps][];
        int[] sOff = new int[steps];
        int k = 0;
        int e = traces.get(0).elements();
        for (Trace tr : traces) {
            for (int t = 0; t < tr.steps; t++, k++) {
                g[k] = tr.gRec;
                gOff[k] = t * e;
                s[k] = t == 0 ? tr.spk0 : tr.spk;
                sOff[k] = t == 0 ? 0 : (t - 1) * e;
            }
        }
        boolean listed = traces.size() == 1 && traces.get(0) == listsTrace;
        RecurrentKernel.paramGrads(steps, traces.get(0).batch, n, g, gOff, s, sOff, listed ? spikeLists : null,
                weightP == null ? null : weightP.grad().data(), vP == null ? null : vP.grad().data());
        if (biasP != null && biasPartial != null) {
            RecurrentKernel.biasGrad(biasPartial, traces.get(0).batch, n, biasP.grad().data());
            java.util.Arrays.fill(biasPartial, 0.0);
            biasOwner = null;
        }
        if (traces.size() == 1 && traces.get(0) != sharedGRec) {
            spareGRec = traces.get(0).gRec;
        }
        sharedGRec = null;
        for (Trace tr : traces) {
            tr.gRec = null;
        }
    }

    Map<String, Object> recurrentSpec(boolean withAlpha) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("neurons", n);
        m.putAll(commonSpec(true, withAlpha, false));
        m.put("per_neuron", shape != null);
        m.put("all_to_all", allToAll);
        if (allToAll) {
            m.put("bias", hasBias);
        } else {
            m.put("v", num(v0));
        }
        m.put("learn_recurrent", learnRecurrent);
        return m;
    }

    static final String[] KEYS = {"neurons", "beta", "threshold", "reset", "reset_delay", "learn_beta",
        "learn_threshold", "surrogate", "per_neuron", "all_to_all", "bias", "v", "learn_recurrent"};
}
