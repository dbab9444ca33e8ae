#!/usr/bin/env python3
"""snnTorch side of `snn4j speed`: the same three workloads, timed the same way.

Workloads (see docs/benchmarks.md and the reference figures):
  shd_ff   Linear 700->H, Leaky(0.9), Linear H->20, Leaky(0.9); B 64, T 100; Bernoulli(0.02) input
  shd_rec  as shd_ff with the hidden Leaky replaced by RLeaky (all-to-all H x H recurrent Linear with bias)
  on_1024  Linear H->H (H = 1024), Leaky(0.95); B 16, T 500; standard normal input;
           loss = sum of output spikes; forward + backward, no optimizer update

Each network is written the way snnTorch's tutorials write it: nn.Linear + snn.Leaky with
surrogate.fast_sigmoid(slope=25), an explicit Python time loop, SF.ce_count_loss(), torch.optim.Adam(lr=1e-3).
`--layerwise` is a faster variant for the feed-forward workloads: each nn.Linear runs once on the whole sequence
and only the neurons loop over time (what snn4j does); it computes the same function.

Timing: untimed steps until at least `--warmup` steps and `--warmup-seconds` seconds have passed (the same rule
as snn4j, whose JIT needs the time), then `--repeat` timed steps; the median is printed. A training step is
zero_grad + forward (recording the graph) + loss + backward (+ Adam step, except on_1024). Forward-only is the
same forward under torch.no_grad().

Memory: the field is `peak_rss_mb`, the process's peak resident set size (VmHWM of /proc/self/status, else
ru_maxrss from resource.getrusage), NOT a heap figure: it includes the Python interpreter, libtorch and every
workload run so far in this process (it never goes down). Run one workload per process for a per-workload peak.

Prints exactly one line per workload:
  workload=NAME train_ms=X forward_ms=Y peak_rss_mb=Z

Run: PYTHONPATH=/tmp/peers/snntorch /usr/bin/python3 benchmarks/peers/snntorch_speed.py --workload shd_ff
"""
import argparse
import resource
import statistics
import sys
import time

WORKLOADS = ("shd_ff", "shd_rec", "on_1024")

try:
    import torch
    import torch.nn as nn
    import snntorch as snn
    from snntorch import surrogate
    import snntorch.functional as SF
except ImportError as e:  # pragma: no cover - depends on the machine
    print("snntorch_speed: cannot import torch/snntorch (%s); install PyTorch and put snnTorch on PYTHONPATH"
          % e, file=sys.stderr)
    sys.exit(3)


def leaky_over_time(lif, cur):
    """Runs a Leaky over a whole current sequence [T, B, N] (the layer-wise variant)."""
    mem = lif.reset_mem()
    spk_rec = []
    for t in range(cur.shape[0]):
        spk, mem = lif(cur[t], mem)
        spk_rec.append(spk)
    return torch.stack(spk_rec)


class ShdNet(nn.Module):
    def __init__(self, inputs, hidden, outputs, recurrent, layerwise=False):
        super().__init__()
        self.layerwise = layerwise
        grad = surrogate.fast_sigmoid(slope=25)
        self.recurrent = recurrent
        self.fc1 = nn.Linear(inputs, hidden)
        if recurrent:
            self.lif1 = snn.RLeaky(beta=0.9, linear_features=hidden, all_to_all=True, spike_grad=grad)
        else:
            self.lif1 = snn.Leaky(beta=0.9, spike_grad=grad)
        self.fc2 = nn.Linear(hidden, outputs)
        self.lif2 = snn.Leaky(beta=0.9, spike_grad=grad)

    def forward(self, x):
        if self.layerwise and not self.recurrent:
            # Each Linear as one [T*B, in] product, as snn4j runs it; only the neurons loop over time.
            spk1 = leaky_over_time(self.lif1, self.fc1(x))
            return leaky_over_time(self.lif2, self.fc2(spk1))
        if self.recurrent:
            spk1, mem1 = self.lif1.reset_mem()
        else:
            mem1 = self.lif1.reset_mem()
        mem2 = self.lif2.reset_mem()
        spk2_rec = []
        for t in range(x.shape[0]):
            cur1 = self.fc1(x[t])
            if self.recurrent:
                spk1, mem1 = self.lif1(cur1, spk1, mem1)
            else:
                spk1, mem1 = self.lif1(cur1, mem1)
            cur2 = self.fc2(spk1)
            spk2, mem2 = self.lif2(cur2, mem2)
            spk2_rec.append(spk2)
        return torch.stack(spk2_rec)


class OnNet(nn.Module):
    def __init__(self, n, layerwise=False):
        super().__init__()
        self.layerwise = layerwise
        self.fc = nn.Linear(n, n)
        self.lif = snn.Leaky(beta=0.95, spike_grad=surrogate.fast_sigmoid(slope=25))

    def forward(self, x):
        if self.layerwise:
            return leaky_over_time(self.lif, self.fc(x))
        mem = self.lif.reset_mem()
        spk_rec = []
        for t in range(x.shape[0]):
            spk, mem = self.lif(self.fc(x[t]), mem)
            spk_rec.append(spk)
        return torch.stack(spk_rec)


def build(name, hidden, steps, batch, seed, layerwise=False):
    """Returns (forward_only, train_step) closures for one workload."""
    torch.manual_seed(seed)
    if name in ("shd_ff", "shd_rec"):
        h = hidden or 256
        t = steps or 100
        b = batch or 64
        net = ShdNet(700, h, 20, name == "shd_rec", layerwise)
        x = (torch.rand(t, b, 700) < 0.02).float()
        labels = torch.randint(0, 20, (b,))
        loss_fn = SF.ce_count_loss()
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)

        def train():
            opt.zero_grad()
            loss = loss_fn(net(x), labels)
            loss.backward()
            opt.step()
    elif name == "on_1024":
        h = hidden or 1024
        t = steps or 500
        b = batch or 16
        net = OnNet(h, layerwise)
        x = torch.randn(t, b, h)

        def train():
            net.zero_grad()
            loss = net(x).sum()
            loss.backward()
    else:
        raise ValueError(name)

    def forward():
        with torch.no_grad():
            net(x)

    return forward, train


def peak_rss_mb():
    """Peak resident set size of this process in MiB: VmHWM from /proc/self/status, which starts afresh at exec.
    ru_maxrss is only the fallback: Linux carries it over from the parent across fork and exec, so when a JVM
    starts this script it would report the JVM's peak instead."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def blas_note():
    """Which BLAS library libtorch loaded: Debian's PyTorch uses whatever libblas.so.3 points to, and the
    reference BLAS (package libblas3) is some 20x slower than OpenBLAS on these matrix sizes."""
    libs = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if "blas" in path.rsplit("/", 1)[-1].lower():
                    libs.add(path)
    except OSError:
        return None
    if not libs:
        return None
    note = "snntorch_speed: BLAS in use: " + ", ".join(sorted(libs))
    if any("/blas/" in p and "openblas" not in p for p in libs):
        note += (" (the slow reference BLAS; for a fair comparison put OpenBLAS first, e.g. LD_LIBRARY_PATH="
                 "<dir of OpenBLAS's libblas.so.3>, or install libopenblas0-pthread)")
    return note


def median_ms(fn, warmup, warmup_seconds, repeat):
    # Warm up until both minimums are met, as snn4j does (there for the JIT; here it only costs time).
    start = time.perf_counter()
    done = 0
    while done < warmup or time.perf_counter() - start < warmup_seconds:
        fn()
        done += 1
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workload", default="all", help="shd_ff, shd_rec, on_1024 or all (comma-separated list allowed)")
    p.add_argument("--repeat", type=int, default=20, help="timed steps (median reported)")
    p.add_argument("--warmup", type=int, default=5, help="least number of untimed steps before timing")
    p.add_argument("--warmup-seconds", type=float, default=2.0, help="least wall time of the untimed steps, s")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--hidden", type=int, default=0, help="hidden size (0: the workload's default)")
    p.add_argument("--steps", type=int, default=0, help="time steps T (0: the workload's default)")
    p.add_argument("--batch", type=int, default=0, help="batch size B (0: the workload's default)")
    p.add_argument("--layerwise", action="store_true",
                   help="not the tutorial style: apply each nn.Linear to the whole [T*B, in] sequence at once and "
                        "loop over time only in the neurons (shd_ff, on_1024; shd_rec needs the loop)")
    a = p.parse_args()
    names = []
    for n in a.workload.split(","):
        n = n.strip()
        names.extend(WORKLOADS if n == "all" else [n])
        if n != "all" and n not in WORKLOADS:
            print("snntorch_speed: unknown workload '%s'; valid: %s, all" % (n, ", ".join(WORKLOADS)),
                  file=sys.stderr)
            return 2
    if a.repeat < 1 or a.warmup < 0 or a.threads < 1 or not a.warmup_seconds >= 0:
        print("snntorch_speed: --repeat and --threads must be >= 1, --warmup and --warmup-seconds >= 0",
              file=sys.stderr)
        return 2
    torch.set_num_threads(a.threads)
    note = blas_note()
    if note:
        print(note, file=sys.stderr)
    for n in names:
        forward, train = build(n, a.hidden, a.steps, a.batch, a.seed, a.layerwise)
        train_ms = median_ms(train, a.warmup, a.warmup_seconds, a.repeat)
        forward_ms = median_ms(forward, a.warmup, a.warmup_seconds, a.repeat)
        rss_mb = peak_rss_mb()
        print("workload=%s train_ms=%.2f forward_ms=%.2f peak_rss_mb=%.1f" % (n, train_ms, forward_ms, rss_mb),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
