package io.snn4j.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Work counters that JMH reports next to each benchmark's primary score. Every benchmark here runs in
 * {@code Mode.Throughput} with seconds as the time unit, so JMH divides each counter by the measured time: a row
 * {@code GemmBench.mm:gflop} with score 40 "ops/s" means 40 GFLOP/s. The benchmark method adds the work of one
 * call (in units of 1e9 or 1e6) to the counter after the call; JMH resets nothing itself, hence
 * {@code @Setup(Level.Iteration)}.
 */
public final class Counters {
    private Counters() {
    }

    /** Floating-point operations: a multiply-add counts as 2. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** GFLOP done; reported as GFLOP/s. */
        public double gflop;

        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
        }
    }

    /**
     * Dense-equivalent floating-point operations of a Linear layer: {@code 2 * rows * in * out} per product, even
     * when the layer took the event-driven path and did far fewer (then this is an effective rate).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class DenseFlops {
        /** Dense-equivalent GFLOP; reported as dense-equivalent GFLOP/s. */
        public double gflopDenseEquiv;

        @Setup(Level.Iteration)
        public void reset() {
            gflopDenseEquiv = 0;
        }
    }

    /** Event-driven synapse work. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class SynapticEvents {
        /** Synaptic events in 1e9: one input non-zero times one output, i.e. one multiply-add of a weight row. */
        public double gsynops;
        /** Input non-zeros (spikes) in 1e6, each of which adds a whole weight row. */
        public double mspikes;

        @Setup(Level.Iteration)
        public void reset() {
            gsynops = 0;
            mspikes = 0;
        }
    }

    /** Input non-zeros recorded by an event scan. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class InputEvents {
        /** Input non-zeros (spikes) found, in 1e6. */
        public double mspikes;

        @Setup(Level.Iteration)
        public void reset() {
            mspikes = 0;
        }
    }

    /** Neuron updates: one neuron advanced by one time step for one sample. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class NeuronSteps {
        /** Neuron-steps ({@code T * B * neurons}) in 1e9. */
        public double gneuronSteps;

        @Setup(Level.Iteration)
        public void reset() {
            gneuronSteps = 0;
        }
    }
}
