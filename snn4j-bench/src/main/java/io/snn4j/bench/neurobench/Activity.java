package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model did while it ran, counted the way NeuroBench's hooks see it: every call of every connection layer
 * (its input: effective and dense synaptic operations, MAC or AC by NeuroBench's spiking test) and every call of
 * every activation layer (its output: non-zeros; for neuron layers also the membrane before and after). Counts are
 * raw sums over calls and samples; metrics divide by the number of samples.
 *
 * <p>{@link SnnModel} fills one per batch. A custom {@link BenchModel} can fill one through {@link #synapses} and
 * {@link #neurons} (the recording API that stands in for NeuroBench's forward hooks).
 */
public final class Activity {
    private final Map<String, Synapses> synapses = new LinkedHashMap<>();
    private final Map<String, Neurons> neurons = new LinkedHashMap<>();
    private Tensor output;
    private long steps;

    /** The counters of one connection layer (Linear, Conv, a recurrent projection, a recurrent cell). */
    public static final class Synapses {
        private final String name;
        private final String type;
        private final int neurobenchCalls;
        long calls;
        long effectiveMacs;
        long effectiveAcs;
        long denseMacs;
        long denseAcs;

        Synapses(String name, String type, int neurobenchCalls) {
            this.name = name;
            this.type = type;
            this.neurobenchCalls = neurobenchCalls;
        }

        /**
         * Adds one evaluation of the layer on a batch: {@code effective} and {@code dense} operations summed over
         * the batch; {@code spiking} is NeuroBench's test of the input (all values in {-1, 0, 1}).
         */
        public void add(long effective, long dense, boolean spiking) {
            calls++;
            if (spiking) {
                effectiveAcs += effective;
                denseAcs += dense;
            } else {
                effectiveMacs += effective;
                denseMacs += dense;
            }
        }

        public String name() {
            return name;
        }

        /** The engine's layer type ({@code linear}, {@code conv2d}, {@code recurrent} for an RLeaky's map, ...). */
        public String type() {
            return type;
        }

        /**
         * How many times NeuroBench counts each evaluation: 1, or 2 for the recurrent map of snnTorch's RLeaky and
         * RSynaptic with reset to zero (snnTorch evaluates the map twice per step there and NeuroBench's hook sees
         * both calls).
         */
        public int neurobenchCalls() {
            return neurobenchCalls;
        }

        public long calls() {
            return calls;
        }

        public long effectiveMacs() {
            return effectiveMacs;
        }

        public long effectiveAcs() {
            return effectiveAcs;
        }

        /** Dense operations of calls whose input failed the spiking test. */
        public long denseMacs() {
            return denseMacs;
        }

        /** Dense operations of calls whose input passed the spiking test. */
        public long denseAcs() {
            return denseAcs;
        }

        void addAll(Synapses o) {
            calls += o.calls;
            effectiveMacs += o.effectiveMacs;
            effectiveAcs += o.effectiveAcs;
            denseMacs += o.denseMacs;
            denseAcs += o.denseAcs;
        }
    }

    /** The counters of one activation layer (a neuron population, ReLU or Sigmoid). */
    public static final class Neurons {
        private final String name;
        private final String type;
        private final String reset;
        private final boolean membrane;
        long calls;
        long nonZero;
        long elements;
        long membraneUpdates;
        long membraneDense;
        private float[] lastMembrane;

        Neurons(String name, String type, String reset, boolean membrane) {
            this.name = name;
            this.type = type;
            this.reset = reset;
            this.membrane = membrane;
        }

        /**
         * Adds one call: its output (for the sparsity) and, for neuron layers, the membrane after the call. The
         * first call of a run counts every membrane as updated; later calls count the membranes that changed
         * (NeuroBench: {@code count_nonzero(mem_before - mem_after)}, so NaN counts as a change).
         */
        public void add(float[] output, float[] membraneAfter) {
            calls++;
            nonZero += OpCounts.countNonZero(output);
            elements += output.length;
            if (membrane && membraneAfter != null) {
                float[] before = lastMembrane;
                if (before == null || before.length != membraneAfter.length) {
                    membraneUpdates += membraneAfter.length;
                } else {
                    long n = 0;
                    for (int i = 0; i < before.length; i++) {
                        if (before[i] - membraneAfter[i] != 0f) {
                            n++;
                        }
                    }
                    membraneUpdates += n;
                }
                membraneDense += membraneAfter.length;
                lastMembrane = membraneAfter.clone();
            }
        }

        public String name() {
            return name;
        }

        /** The snnTorch / PyTorch class name ({@code Leaky}, {@code Synaptic}, {@code ReLU}, ...). */
        public String type() {
            return type;
        }

        /** The reset mechanism ({@code subtract}, {@code zero}, {@code none}), or null. */
        public String reset() {
            return reset;
        }

        /** Whether the layer has a membrane (neuron layers; not ReLU or Sigmoid). */
        public boolean hasMembrane() {
            return membrane;
        }

        public long calls() {
            return calls;
        }

        public long nonZero() {
            return nonZero;
        }

        public long elements() {
            return elements;
        }

        /** Membrane updates by NeuroBench's rule (all at the first call, changed ones after). */
        public long membraneUpdates() {
            return membraneUpdates;
        }

        /** Membrane elements over all calls (every neuron updated at every call). */
        public long membraneDense() {
            return membraneDense;
        }

        void addAll(Neurons o) {
            calls += o.calls;
            nonZero += o.nonZero;
            elements += o.elements;
            membraneUpdates += o.membraneUpdates;
            membraneDense += o.membraneDense;
        }
    }

    /**
     * The counters of connection layer {@code name}, created on first use.
     *
     * @param neurobenchCalls see {@link Synapses#neurobenchCalls()}
     */
    public Synapses synapses(String name, String type, int neurobenchCalls) {
        return synapses.computeIfAbsent(name, k -> new Synapses(name, type, neurobenchCalls));
    }

    /** The counters of activation layer {@code name}, created on first use. */
    public Neurons neurons(String name, String type, String reset, boolean membrane) {
        return neurons.computeIfAbsent(name, k -> new Neurons(name, type, reset, membrane));
    }

    /** Connection layers in the order they first ran. */
    public Map<String, Synapses> synapses() {
        return Collections.unmodifiableMap(synapses);
    }

    /** Activation layers in the order they first ran. */
    public Map<String, Neurons> neurons() {
        return Collections.unmodifiableMap(neurons);
    }

    /** The model's raw output of this run ({@code [B, T, ...]} for {@link SnnModel}), or null. */
    public Tensor output() {
        return output;
    }

    public void setOutput(Tensor output) {
        this.output = output;
    }

    /** Time steps of the run (1 for a model without a time axis). */
    public long steps() {
        return steps;
    }

    public void setSteps(long steps) {
        this.steps = steps;
    }

    /** Adds another run's counters (a total over batches). */
    void addAll(Activity o) {
        for (Synapses s : o.synapses.values()) {
            synapses(s.name, s.type, s.neurobenchCalls).addAll(s);
        }
        for (Neurons n : o.neurons.values()) {
            neurons(n.name, n.type, n.reset, n.membrane).addAll(n);
        }
        steps += o.steps;
    }
}
