#!/usr/bin/env python3
"""Brian2 side of `snn4j speed --workload cuba`: Brian2's CUBA example, timed.

The network is Brian2's own CUBA example (Vogels and Abbott 2005; examples/CUBA.py in Brian2's documentation):
N = 4000 leaky integrate-and-fire neurons, the first 80 % excitatory, every ordered pair (i, j) connected
independently with probability 0.02 (self-connections included), current-based exponential synapses,
dt = 0.1 ms, 1 s of simulated time. Parameters: taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr -60 mV,
El -49 mV, refractory 5 ms, we = 60*0.27/10 mV, wi = -20*4.5/10 mV; v starts uniformly in [Vr, Vt),
ge = gi = 0. The linear equations are integrated exactly (method 'exact').

Code generation target: 'numpy' by default (Brian2's runtime mode without a C compiler: `--target numpy`);
`--target cython` compiles the kernels with Cython (the first run then includes the compilation unless the
cache is warm). Timing: `run(duration)` only, not building the network and drawing the synapses. With
`--repeat R` > 1 the network is stored before the first run and restored before each further run (identical
runs); the median is printed as `sim_ms` and the first run as `first_ms`.

Prints exactly one line:
  workload=cuba sim_ms=X first_ms=Y rate_hz=R spikes=S synapses=K peak_rss_mb=M

Run: /usr/bin/python3 benchmarks/peers/brian2_cuba.py [--neurons 4000] [--duration 1.0] [--seed 42]
Exit codes: 0 done, 2 bad arguments, 3 Brian2 not importable.
"""
import argparse
import resource
import statistics
import sys
import time
import warnings


def peak_rss_mb():
    """Peak resident set size of this process in MiB (VmHWM, which starts afresh at exec; else ru_maxrss)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--neurons", type=int, default=4000, help="number of neurons N (first 80%% excitatory)")
    p.add_argument("--duration", type=float, default=1.0, help="simulated time, seconds")
    p.add_argument("--seed", type=int, default=42, help="seed of Brian2's random numbers")
    p.add_argument("--target", default="numpy", choices=("numpy", "cython"),
                   help="Brian2 code generation target (default numpy)")
    p.add_argument("--repeat", type=int, default=1, help="timed runs (median reported as sim_ms)")
    a = p.parse_args(argv)
    if a.neurons < 2 or not a.duration > 0 or a.repeat < 1:
        p.error("--neurons must be >= 2, --duration > 0 and --repeat >= 1")

    warnings.filterwarnings("ignore")  # Debian's pythran/numpy pair warns on import; not ours to fix
    try:
        import brian2 as b2
    except ImportError as e:  # pragma: no cover - depends on the machine
        print("brian2_cuba: cannot import brian2 (%s); install Brian2 (Debian: python3-brian)" % e, file=sys.stderr)
        return 3
    from brian2 import ms, mV, second

    b2.prefs.codegen.target = a.target
    b2.seed(a.seed)
    b2.start_scope()

    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    n = a.neurons
    n_exc = int(round(0.8 * n))
    P = b2.NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    Ce = b2.Synapses(P, P, on_pre='ge += we')
    Ci = b2.Synapses(P, P, on_pre='gi += wi')
    Ce.connect('i<n_exc', p=0.02)
    Ci.connect('i>=n_exc', p=0.02)
    s_mon = b2.SpikeMonitor(P)
    net = b2.Network(b2.collect())
    namespace = dict(taum=taum, taue=taue, taui=taui, Vt=Vt, Vr=Vr, El=El, we=we, wi=wi, n_exc=n_exc)
    if a.repeat > 1:
        net.store('start')

    times = []
    spikes = None
    for r in range(a.repeat):
        if r > 0:
            net.restore('start')
        t0 = time.perf_counter()
        net.run(a.duration * second, namespace=namespace)
        times.append((time.perf_counter() - t0) * 1e3)
        count = int(s_mon.num_spikes)
        if spikes is None:
            spikes = count
    rate = spikes / (n * a.duration)
    print("workload=cuba sim_ms=%.2f first_ms=%.2f rate_hz=%.3f spikes=%d synapses=%d peak_rss_mb=%.1f"
          % (statistics.median(times), times[0], rate, spikes, len(Ce) + len(Ci), peak_rss_mb()), flush=True)
    print("brian2_cuba: Brian2 %s, target %s, %d neurons, %g s, %d run(s)"
          % (b2.__version__, a.target, n, a.duration, a.repeat), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
