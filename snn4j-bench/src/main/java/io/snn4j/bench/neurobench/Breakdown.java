package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer numbers over a whole benchmark run, for reports (beyond NeuroBench, which gives totals only). All
 * counts are per sample. Synaptic operations here count each evaluation once (an RLeaky's recurrent map with reset
 * to zero once per step, where NeuroBench's total counts it twice).
 *
 * @param samples       samples in the data
 * @param synapses      one row per connection layer, in the order they first ran
 * @param neurons       one row per activation layer, in the order they first ran
 * @param activationSparsity zero activations over all activations of the whole run (NeuroBench's ActivationSparsity
 *                      is the batch-size weighted mean of per-batch ratios, which differs when samples differ in
 *                      length)
 * @param stateBytesPerSample bytes of neuron and cell state per sample
 * @param energyCosts   the costs the {@code energy_pJ} columns use
 */
public record Breakdown(long samples, List<SynapseRow> synapses, List<NeuronRow> neurons, Double activationSparsity,
                        long stateBytesPerSample, EnergyCosts energyCosts) {

    public Breakdown {
        synapses = List.copyOf(synapses);
        neurons = List.copyOf(neurons);
    }

    /**
     * One connection layer.
     *
     * @param neurobenchCallsPerStep how often NeuroBench counts each evaluation (2 for a zero-reset recurrent map)
     * @param connectionSparsity     zero weights over weights of this layer (not rounded), or null if the layer's
     *                               weights are not counted by ConnectionSparsity
     * @param energyPj               effective MACs and ACs priced, with one weight read each
     */
    public record SynapseRow(String name, String type, double effectiveMacs, double effectiveAcs, double denseMacs,
                             double denseAcs, int neurobenchCallsPerStep, Double connectionSparsity,
                             double energyPj) {
    }

    /**
     * One activation layer.
     *
     * @param activationSparsity zero outputs over outputs
     * @param activationsPerSample non-zero outputs (spikes) per sample
     * @param membraneUpdates    NeuroBench's rule, per sample (0 without a membrane)
     * @param membraneDense      every neuron every step, per sample
     * @param energyPj           membrane updates priced, with a state read and write each
     */
    public record NeuronRow(String name, String type, String reset, double activationSparsity,
                            double activationsPerSample, double membraneUpdates, double membraneDense,
                            double energyPj) {
    }

    static Breakdown of(Activity total, Structure structure, long samples, EnergyCosts costs) {
        double s = samples;
        Map<String, Double> sparsity = new LinkedHashMap<>();
        for (Structure.Connection c : structure.connections()) {
            long n = 0;
            long z = 0;
            for (Tensor t : c.arrays()) {
                n += t.size();
                z += t.size() - OpCounts.countNonZero(t.data());
            }
            sparsity.put(c.layer(), n == 0 ? null : (double) z / n);
        }
        List<SynapseRow> syn = new ArrayList<>();
        for (Activity.Synapses a : total.synapses().values()) {
            double e = a.effectiveMacs() * (costs.macPj() + costs.memoryAccessPj())
                    + a.effectiveAcs() * (costs.acPj() + costs.memoryAccessPj());
            syn.add(new SynapseRow(a.name(), a.type(), a.effectiveMacs() / s, a.effectiveAcs() / s,
                    a.denseMacs() / s, a.denseAcs() / s, a.neurobenchCalls(), sparsity.get(a.name()), e / s));
        }
        List<NeuronRow> neu = new ArrayList<>();
        long all = 0;
        long nz = 0;
        for (Activity.Neurons a : total.neurons().values()) {
            all += a.elements();
            nz += a.nonZero();
            double sp = a.elements() == 0 ? 0.0 : (double) (a.elements() - a.nonZero()) / a.elements();
            double e = a.membraneUpdates() * (costs.neuronUpdatePj() + 2 * costs.memoryAccessPj());
            neu.add(new NeuronRow(a.name(), a.type(), a.reset(), sp, a.nonZero() / s, a.membraneUpdates() / s,
                    a.membraneDense() / s, e / s));
        }
        Double global = all == 0 ? null : (double) (all - nz) / all;
        return new Breakdown(samples, syn, neu, global, structure.stateBytesPerSample(), costs);
    }

    /** As plain maps and lists (for JSON). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        m.put("activation_sparsity", activationSparsity);
        m.put("state_bytes_per_sample", stateBytesPerSample);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mac", energyCosts.macPj());
        c.put("ac", energyCosts.acPj());
        c.put("neuron_update", energyCosts.neuronUpdatePj());
        c.put("memory_access", energyCosts.memoryAccessPj());
        m.put("energy_costs_pJ", c);
        List<Object> ss = new ArrayList<>();
        for (SynapseRow r : synapses) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", r.name());
            x.put("type", r.type());
            x.put("effective_macs", r.effectiveMacs());
            x.put("effective_acs", r.effectiveAcs());
            x.put("dense_macs", r.denseMacs());
            x.put("dense_acs", r.denseAcs());
            x.put("neurobench_calls_per_step", r.neurobenchCallsPerStep());
            x.put("connection_sparsity", r.connectionSparsity());
            x.put("energy_pJ", r.energyPj());
            ss.add(x);
        }
        m.put("synapses", ss);
        List<Object> ns = new ArrayList<>();
        for (NeuronRow r : neurons) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", r.name());
            x.put("type", r.type());
            x.put("reset", r.reset());
            x.put("activation_sparsity", r.activationSparsity());
            x.put("activations_per_sample", r.activationsPerSample());
            x.put("membrane_updates", r.membraneUpdates());
            x.put("membrane_dense", r.membraneDense());
            x.put("energy_pJ", r.energyPj());
            ns.add(x);
        }
        m.put("neurons", ns);
        return m;
    }
}
