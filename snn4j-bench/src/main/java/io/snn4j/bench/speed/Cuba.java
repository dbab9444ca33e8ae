package io.snn4j.bench.speed;

import io.snn4j.core.Rng;
import java.util.Arrays;

/**
 * The CUBA network of Vogels and Abbott (2005) as Brian2's example {@code CUBA.py} writes it: a simulation
 * benchmark without training. {@code benchmarks/peers/brian2_cuba.py} runs the same network in Brian2.
 *
 * <p>Model (units mV and ms): N leaky integrate-and-fire neurons, the first {@code round(0.8 N)} excitatory;
 * {@code dv/dt = (ge + gi - (v - El)) / taum} (held while refractory), {@code dge/dt = -ge / taue},
 * {@code dgi/dt = -gi / taui}; taum 20, taue 5, taui 10, threshold {@code v > Vt} with Vt -50, reset to Vr -60,
 * El -49, refractory 5 ms (50 steps); a spike of an excitatory neuron adds we = 1.62 mV to its targets' ge, of an
 * inhibitory one wi = -9 mV to their gi. Every ordered pair (i, j), i = j included, is connected independently
 * with probability p (0.02). dt 0.1 ms. v starts uniform in [Vr, Vt), ge = gi = 0.
 *
 * <p>Integration is exact for these linear equations, the same update Brian2's {@code method='exact'} generates:
 * {@code v' = El + (v - El) e^{-dt/taum} + ge ce + gi ci} with
 * {@code ce = taue / (taue - taum) (e^{-dt/taue} - e^{-dt/taum})} (ci likewise), {@code ge' = ge e^{-dt/taue}}.
 * Each step runs in Brian2's order: refractoriness, state update, threshold, synaptic propagation (delay 0: the
 * targets' ge/gi change now and act from the next step's update), reset. Float32 state, so spike times can
 * differ from Brian2's float64 ones (as they differ anyway: the random connectivity and initial state are drawn
 * by a different generator); the mean rate is the comparable figure.
 *
 * <p>Event-driven: the adjacency is stored per presynaptic neuron (CSR), and a step costs a branch-free (vectorised)
 * update of every neuron, a threshold scan, and one row of targets per spike. Single-threaded: a step is about
 * two microseconds of work, less than handing work to a second thread and waiting for it costs; results depend on
 * the seed only.
 */
public final class Cuba {
    /** The reference size: 4,000 neurons, 1 s of simulated time. */
    public static final int NEURONS = 4000;
    public static final double SECONDS = 1.0;
    /** Connection probability of each ordered pair. */
    public static final double CONNECTIVITY = 0.02;
    /** The mean firing rate a correct simulation of the reference size gives lies in this range, Hz. */
    public static final double MIN_RATE_HZ = 3.0;
    public static final double MAX_RATE_HZ = 9.0;

    static final double DT_MS = 0.1;
    static final float TAUM = 20f;
    static final float TAUE = 5f;
    static final float TAUI = 10f;
    static final float VT = -50f;
    static final float VR = -60f;
    static final float EL = -49f;
    static final float WE = 60f * 0.27f / 10f;
    static final float WI = -20f * 4.5f / 10f;
    /** Refractory period in steps: Brian2's timestep(5 ms, 0.1 ms). */
    static final int REFRACTORY_STEPS = 50;

    private final int neurons;
    private final int excitatory;
    private final int steps;
    private final long seed;
    /** Targets of neuron i: {@code targets[rowStart[i] .. rowStart[i + 1])}, ascending. */
    private final int[] rowStart;
    private final int[] targets;

    // Exact-integration factors, computed in double and rounded once.
    private final float decayM;
    private final float decayE;
    private final float decayI;
    private final float gainE;
    private final float gainI;

    private Cuba(int neurons, int steps, long seed, int[] rowStart, int[] targets) {
        this.neurons = neurons;
        this.excitatory = (int) Math.round(0.8 * neurons);
        this.steps = steps;
        this.seed = seed;
        this.rowStart = rowStart;
        this.targets = targets;
        double em = Math.exp(-DT_MS / TAUM);
        double ee = Math.exp(-DT_MS / TAUE);
        double ei = Math.exp(-DT_MS / TAUI);
        decayM = (float) em;
        decayE = (float) ee;
        decayI = (float) ei;
        gainE = (float) (TAUE / (double) (TAUE - TAUM) * (ee - em));
        gainI = (float) (TAUI / (double) (TAUI - TAUM) * (ei - em));
    }

    /**
     * Builds the network and draws its connectivity (not part of the timed simulation).
     *
     * @param neurons number of neurons N, >= 1 (4000 for the reference)
     * @param seconds simulated time in seconds, > 0 (1 for the reference); rounded to whole 0.1 ms steps
     * @param seed    seed of the connectivity and the initial membrane potentials
     * @throws IllegalArgumentException naming the bad argument
     */
    public static Cuba build(int neurons, double seconds, long seed) {
        return build(neurons, seconds, seed, CONNECTIVITY);
    }

    /** As {@link #build(int, double, long)} with connection probability {@code p} in [0, 1]. */
    static Cuba build(int neurons, double seconds, long seed, double p) {
        if (neurons < 1) {
            throw new IllegalArgumentException("cuba: neurons must be >= 1, got " + neurons);
        }
        if (!(seconds > 0) || seconds > 1e5) {
            throw new IllegalArgumentException("cuba: simulated seconds must be in (0, 1e5], got " + seconds);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("cuba: connection probability must be in [0, 1], got " + p);
        }
        int steps = (int) Math.max(1, Math.round(seconds * 1000.0 / DT_MS));
        Rng connect = new Rng(seed).split();
        int[] rowStart = new int[neurons + 1];
        int[] targets = new int[Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8,
                (long) (1.1 * p * neurons * (double) neurons) + 16))];
        int k = 0;
        // Geometric skipping: the gap to the next connected target of a row of independent Bernoulli(p) draws is
        // geometric, so a row costs one draw per synapse instead of one per candidate.
        double logQ = p < 1 ? Math.log1p(-p) : 0;
        for (int i = 0; i < neurons; i++) {
            rowStart[i] = k;
            if (p > 0) {
                long j = -1;
                while (true) {
                    j += p >= 1 ? 1 : 1 + (long) Math.floor(Math.log1p(-connect.nextDouble()) / logQ);
                    if (j >= neurons) {
                        break;
                    }
                    if (k == targets.length) {
                        targets = Arrays.copyOf(targets, (int) Math.min(Integer.MAX_VALUE - 8, 2L * k));
                    }
                    targets[k++] = (int) j;
                }
            }
        }
        rowStart[neurons] = k;
        return new Cuba(neurons, steps, seed, rowStart, Arrays.copyOf(targets, k));
    }

    /** Receives each spike of a simulation: step index (0-based) and neuron. */
    interface SpikeSink {
        void spike(int step, int neuron);
    }

    /**
     * What one simulation produced.
     *
     * @param spikes      total number of spikes
     * @param rateHz      mean firing rate: spikes / (neurons * simulated seconds)
     * @param spikeCounts spikes of each neuron
     * @param finalV      membrane potential of each neuron after the last step, mV
     */
    public record Run(long spikes, double rateHz, int[] spikeCounts, float[] finalV) {
        /** Whether the mean rate lies in [{@link #MIN_RATE_HZ}, {@link #MAX_RATE_HZ}]. */
        public boolean rateInRange() {
            return rateInRange(rateHz);
        }

        /** Whether {@code rateHz} lies in [{@link #MIN_RATE_HZ}, {@link #MAX_RATE_HZ}]. */
        public static boolean rateInRange(double rateHz) {
            return rateHz >= MIN_RATE_HZ && rateHz <= MAX_RATE_HZ;
        }
    }

    /**
     * Simulates the whole duration from the initial state (drawn afresh from the seed, so every call gives the
     * same result).
     */
    public Run simulate() {
        return simulate(null);
    }

    Run simulate(SpikeSink sink) {
        final int n = neurons;
        float[] v = new float[n];
        float[] ge = new float[n];
        float[] gi = new float[n];
        int[] counts = new int[n];
        // Every spike so far, step by step: spiked[stepStart[s] .. stepStart[s + 1]) fired at step s. The last
        // REFRACTORY_STEPS - 1 steps' entries are the neurons now refractory.
        int[] spiked = new int[Math.max(64, n)];
        int[] stepStart = new int[steps + 1];
        Rng root = new Rng(seed);
        root.split(); // the first split draws the connectivity (build), the second the initial state
        Rng init = root.split();
        for (int i = 0; i < n; i++) {
            v[i] = VR + init.nextFloat() * (VT - VR);
        }
        final float em = decayM;
        final float ee = decayE;
        final float ei = decayI;
        final float ce = gainE;
        final float ci = gainI;
        final int nExc = excitatory;
        final int[] rs = rowStart;
        final int[] tg = targets;
        int total = 0;
        for (int s = 0; s < steps; s++) {
            // State update of every neuron as one branch-free loop (HotSpot vectorises it) ...
            for (int i = 0; i < n; i++) {
                float g1 = ge[i];
                float g2 = gi[i];
                v[i] = EL + (v[i] - EL) * em + g1 * ce + g2 * ci;
                ge[i] = g1 * ee;
                gi[i] = g2 * ei;
            }
            // ... then the refractory neurons, which sit at exactly Vr since their reset, are put back there
            // (Brian2 holds v while refractory: timestep(t - lastspike) < 50). At Vr they cannot cross Vt.
            for (int k = stepStart[Math.max(0, s - (REFRACTORY_STEPS - 1))]; k < total; k++) {
                v[spiked[k]] = VR;
            }
            stepStart[s] = total;
            for (int i = 0; i < n; i++) {
                if (v[i] > VT) {
                    v[i] = VR;
                    if (total == spiked.length) {
                        spiked = Arrays.copyOf(spiked, 2 * total);
                    }
                    spiked[total++] = i;
                }
            }
            // Synaptic propagation of this step's spikes, in ascending presynaptic order (deterministic sums).
            for (int f = stepStart[s]; f < total; f++) {
                int i = spiked[f];
                counts[i]++;
                if (sink != null) {
                    sink.spike(s, i);
                }
                int end = rs[i + 1];
                if (i < nExc) {
                    for (int k = rs[i]; k < end; k++) {
                        ge[tg[k]] += WE;
                    }
                } else {
                    for (int k = rs[i]; k < end; k++) {
                        gi[tg[k]] += WI;
                    }
                }
            }
        }
        stepStart[steps] = total;
        return new Run(total, total / (n * (steps * DT_MS / 1000.0)), counts, v);
    }

    public int neurons() {
        return neurons;
    }

    /** Number of excitatory neurons (the first ones): round(0.8 N). */
    public int excitatory() {
        return excitatory;
    }

    /** Time steps of 0.1 ms. */
    public int steps() {
        return steps;
    }

    /** Simulated time, seconds. */
    public double seconds() {
        return steps * DT_MS / 1000.0;
    }

    /** Number of synapses drawn. */
    public int synapses() {
        return targets.length;
    }
}
