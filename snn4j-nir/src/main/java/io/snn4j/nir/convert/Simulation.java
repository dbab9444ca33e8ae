package io.snn4j.nir.convert;

import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Graph;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.SpikingLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a network on a time-major input {@code [T, B, ...]} and records what {@code snn4j simulate} writes: the
 * network's output and the membrane of one neuron layer (the last before the output), both {@code [T, B, ...]}.
 */
public final class Simulation {

    /** The network's output and the probed membrane (null when there is no neuron layer to probe). */
    public record Result(Tensor output, Tensor membrane) {
    }

    private Simulation() {
    }

    /**
     * Runs {@code network} (inference) on {@code x}. A {@code Graph} with recurrent edges runs step by step, so that
     * the membrane of every step can be read; anything else runs whole sequences.
     *
     * @param inputShape the per-step features the network takes (null: not checked here)
     * @throws IllegalArgumentException when {@code x} is not {@code [T, B, inputShape...]}
     */
    public static Result run(Layer network, int[] inputShape, SpikingLayer probe, Tensor x) {
        int[] s = x.shape();
        if (inputShape != null) {
            boolean ok = s.length == inputShape.length + 2
                    && Arrays.equals(Arrays.copyOfRange(s, 2, s.length), inputShape);
            if (!ok) {
                throw new IllegalArgumentException("the input has shape " + Arrays.toString(s) + "; the model takes "
                        + "[T, B, " + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "") + "] (time-major)");
            }
        } else if (s.length < 3) {
            throw new IllegalArgumentException("the input has shape " + Arrays.toString(s) + "; expected "
                    + "[T, B, features...] (time-major)");
        }
        if (s[0] == 0 || s[1] == 0) {
            throw new IllegalArgumentException("the input has shape " + Arrays.toString(s) + ": no time steps or no "
                    + "samples");
        }
        network.resetState();
        if (network instanceof Graph g && g.isRecurrent()) {
            List<Tensor> outs = new ArrayList<>();
            List<Tensor> mems = new ArrayList<>();
            for (int t = 0; t < s[0]; t++) {
                outs.add(network.step(x.slice0(t)).copy());
                if (probe != null) {
                    Tensor m = probe.lastMembrane();
                    mems.add(m.reshape(m.trailingShape(1)).copy());
                }
            }
            network.resetState();
            return new Result(Tensor.stack(outs), probe == null ? null : Tensor.stack(mems));
        }
        Tensor out = network.forward(x, false);
        Tensor mem = probe == null ? null : probe.lastMembrane();
        return new Result(out, mem == null ? null : mem.copy());
    }

    /** {@link #run(Layer, int[], SpikingLayer, Tensor)} on a converted NIR graph. */
    public static Result run(Converted c, Tensor x) {
        return run(c.network(), c.inputShape(), c.probe(), x);
    }
}
