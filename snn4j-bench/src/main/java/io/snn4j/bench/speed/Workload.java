package io.snn4j.bench.speed;

import io.snn4j.core.Parameter;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.neuron.RLeaky;
import io.snn4j.core.surrogate.Surrogate;
import io.snn4j.core.surrogate.Surrogates;
import io.snn4j.core.train.Adam;
import io.snn4j.core.train.Loss;
import io.snn4j.core.train.LossValue;
import io.snn4j.core.train.Losses;
import io.snn4j.core.train.Optimizer;
import java.util.Arrays;
import java.util.List;

/**
 * One of the reference speed workloads (docs/benchmarks.md), built and ready to step. The snnTorch peer script
 * {@code benchmarks/peers/snntorch_speed.py} builds the same networks, inputs and losses.
 *
 * <ul>
 *   <li>{@code shd_ff}: Linear 700->H, Leaky(beta 0.9), Linear H->20, Leaky(beta 0.9), biases on; B 64, T 100;
 *   Bernoulli spikes of density 0.02; cross-entropy on output spike counts; Adam lr 1e-3.</li>
 *   <li>{@code shd_rec}: as {@code shd_ff} with the hidden Leaky replaced by an RLeaky with an all-to-all H x H
 *   recurrent Linear with bias.</li>
 *   <li>{@code on_1024}: Linear H->H (H 1024), Leaky(beta 0.95); B 16, T 500; standard normal input;
 *   loss = sum of the output spikes; forward and backward, no update.</li>
 * </ul>
 * All neurons use the fast-sigmoid surrogate with slope 25, threshold 1 and reset by subtraction.
 */
public final class Workload {
    /** The workload names, in the order {@code all} runs them. */
    public static final List<String> NAMES = List.of("shd_ff", "shd_rec", "on_1024");

    static final int SHD_INPUTS = 700;
    static final int SHD_CLASSES = 20;
    static final float SHD_DENSITY = 0.02f;

    private final String name;
    private final Sequential network;
    private final Tensor input;
    private final int[] labels;
    private final Loss loss;
    private final Optimizer optimizer;
    /** dLoss/dSpikes of "sum of the output spikes": all ones; read-only, so built once. */
    private final Tensor onesGrad;

    private Workload(String name, Sequential network, Tensor input, int[] labels, Loss loss, Optimizer optimizer,
                     Tensor onesGrad) {
        this.name = name;
        this.network = network;
        this.input = input;
        this.labels = labels;
        this.loss = loss;
        this.optimizer = optimizer;
        this.onesGrad = onesGrad;
    }

    /**
     * Builds a workload.
     *
     * @param name   one of {@link #NAMES}
     * @param hidden hidden size H, or 0 for the workload's own (256 for shd_*, 1024 for on_1024)
     * @param steps  time steps T, or 0 for the workload's own (100 for shd_*, 500 for on_1024)
     * @param batch  batch size B, or 0 for the workload's own (64 for shd_*, 16 for on_1024)
     * @param seed   seed of the weights, the input and the labels
     * @throws IllegalArgumentException for an unknown name or a negative size
     */
    public static Workload build(String name, int hidden, int steps, int batch, long seed) {
        if (hidden < 0 || steps < 0 || batch < 0) {
            throw new IllegalArgumentException("workload " + name + ": hidden, steps and batch must be >= 0, got "
                    + hidden + ", " + steps + ", " + batch);
        }
        Rng rng = new Rng(seed);
        Rng weights = rng.split();
        Rng data = rng.split();
        Surrogate sg = Surrogates.fastSigmoid(25f);
        switch (name) {
            case "shd_ff", "shd_rec" -> {
                int h = hidden > 0 ? hidden : 256;
                int t = steps > 0 ? steps : 100;
                int b = batch > 0 ? batch : 64;
                Sequential net;
                if (name.equals("shd_ff")) {
                    net = new Sequential(
                            new Linear(SHD_INPUTS, h, true, weights),
                            Leaky.builder().beta(0.9f).surrogate(sg).build(),
                            new Linear(h, SHD_CLASSES, true, weights),
                            Leaky.builder().beta(0.9f).surrogate(sg).build());
                } else {
                    net = new Sequential(
                            new Linear(SHD_INPUTS, h, true, weights),
                            RLeaky.builder(h).beta(0.9f).allToAll().bias(true).surrogate(sg).build(weights),
                            new Linear(h, SHD_CLASSES, true, weights),
                            Leaky.builder().beta(0.9f).surrogate(sg).build());
                }
                // Spike input: no one needs dLoss/dInput, and computing it would cost a [T*B, H] x [H, 700] product.
                net.setInputGradRequired(false);
                Tensor x = new Tensor(t, b, SHD_INPUTS);
                float[] xd = x.data();
                for (int i = 0; i < xd.length; i++) {
                    xd[i] = data.nextFloat() < SHD_DENSITY ? 1f : 0f;
                }
                // Spikes travel with their event list, made once per batch as a spike data loader would; the
                // first Linear then needs no scan of the dense [T, B, 700] input on each step.
                Tensor.spikesWithEvents(x);
                int[] labels = new int[b];
                for (int i = 0; i < b; i++) {
                    labels[i] = data.nextInt(SHD_CLASSES);
                }
                return new Workload(name, net, x, labels, Losses.ceCount(),
                        new Adam(net.parameters(), 1e-3), null);
            }
            case "on_1024" -> {
                int h = hidden > 0 ? hidden : 1024;
                int t = steps > 0 ? steps : 500;
                int b = batch > 0 ? batch : 16;
                Sequential net = new Sequential(
                        new Linear(h, h, true, weights),
                        Leaky.builder().beta(0.95f).surrogate(sg).build());
                net.setInputGradRequired(false);
                Tensor x = new Tensor(t, b, h);
                float[] xd = x.data();
                for (int i = 0; i < xd.length; i++) {
                    xd[i] = (float) data.nextGaussian();
                }
                return new Workload(name, net, x, new int[b], null, null, Tensor.full(1f, t, b, h));
            }
            default -> throw new IllegalArgumentException("unknown workload '" + name + "'; valid: "
                    + String.join(", ", NAMES));
        }
    }

    public String name() {
        return name;
    }

    /** The network; its first layer does not compute an input gradient. */
    public Sequential network() {
        return network;
    }

    /** The input {@code [T, B, features]}, fixed for every step. */
    public Tensor input() {
        return input;
    }

    /** The class label of each sample ({@code [B]}; all 0 for on_1024, which has no labels). */
    public int[] labels() {
        return labels.clone();
    }

    /** The optimizer, or null for on_1024 (which has no update). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * One training step: zero the gradients, forward recording what backward needs, loss, backward and (except
     * on_1024) the Adam update.
     *
     * @return the loss value
     */
    public float trainStep() {
        Tensor out;
        LossValue lv;
        if (optimizer != null) {
            optimizer.zeroGrad();
            out = network.forward(input, true);
            lv = loss.compute(out, labels);
        } else {
            for (Parameter p : network.parameters()) {
                p.zeroGrad();
            }
            out = network.forward(input, true);
            lv = new LossValue(out.sum(), onesGrad);
        }
        network.backward(lv.grad());
        if (optimizer != null) {
            optimizer.step();
        }
        return lv.value();
    }

    /**
     * One training step as {@link #trainStep()}, with each layer's {@code forward} and {@code backward} call timed
     * on its own (for finding the slow kernel; the sum is close to, not equal to, a {@link #trainStep()}).
     *
     * @return wall times in milliseconds: index {@code i < n} the forward of layer i, {@code n + i} its backward,
     *         {@code 2n} the loss, {@code 2n + 1} the optimizer update (0 for on_1024), n = number of layers
     */
    public double[] trainStepByLayerMs() {
        List<Layer> layers = network.layers();
        int n = layers.size();
        double[] ms = new double[2 * n + 2];
        for (Parameter p : network.parameters()) {
            p.zeroGrad();
        }
        Tensor h = input;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            h = layers.get(i).forward(h, true);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        long t0 = System.nanoTime();
        Tensor g = optimizer != null ? loss.compute(h, labels).grad() : onesGrad;
        ms[2 * n] = (System.nanoTime() - t0) / 1e6;
        for (int i = n - 1; i >= 0; i--) {
            t0 = System.nanoTime();
            g = layers.get(i).backward(g);
            ms[n + i] = (System.nanoTime() - t0) / 1e6;
        }
        if (optimizer != null) {
            t0 = System.nanoTime();
            optimizer.step();
            ms[2 * n + 1] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /**
     * One inference pass over the whole sequence (nothing kept for backward).
     *
     * @return the output spikes {@code [T, B, outputs]}
     */
    public Tensor forward() {
        return network.forward(input, false);
    }

    @Override
    public String toString() {
        return name + " input " + Arrays.toString(input.shape());
    }
}
