"""Runs NeuroBench 2.3 on small networks and writes what it reports, for snn4j's NeuroBench tests.

NeuroBench's own metric tests (tests/test_metrics.py) build their spiking test network with random weights
(torch.manual_seed(0) at import of tests/models/model_list.py). This script imports that model list, saves the
weights of ``net_snn`` and NeuroBench's numbers for it, and runs NeuroBench's harness (``Benchmark.run``) on
further networks whose weights and inputs it draws itself:

    conv      Conv2d(2,4,3,stride 2,pad 1) - Leaky(zero reset) - Flatten - Linear(64,5) - Leaky; ChooseMaxCount,
              one batch of binary spikes and one of graded values (MACs), batches of 3 and 2 samples
    rec_zero  Linear(6,8) - RLeaky(8, all-to-all, zero reset) - Linear(8,3) - Leaky; batches of 4 and 2
    rsyn_sub  Linear(6,8) - RSynaptic(8, subtract) - Linear(8,6) - Synaptic(zero reset) - Linear(6,2) - Leaky;
              Aggregate, regression labels [B, 2] (MSE, sMAPE with a 0/0 term in the second batch, R2)
    syn_ops   Linear - Synaptic(zero) - Linear - Synaptic(subtract) - Linear - Leaky(zero): NeuronOperations
    ann       Linear(10,8) - ReLU - Linear(8,4) - Sigmoid, no time axis (TorchModel); graded inputs
    cells     LSTMCell, GRUCell, RNNCell (5 -> 4) looped over time in a TorchModel, states passed at every step:
              NeuroBench's cell rules (cells.json)

Weights are multiples of 1/16, inputs multiples of 1/4 and every decay 0.5, so every float32 sum and product is
exact and any summation order gives the same spikes: the Java side must reproduce NeuroBench's counts exactly.
Footprint is computed before the first run (snnTorch's state buffers are still empty then; afterwards NeuroBench's
Footprint depends on the last batch size).

NeuroBench's R2 calls Tensor.var(correction=0), which PyTorch 1.13 lacks; this script replaces R2.compute in
memory by the same formula with var(unbiased=False) (no NeuroBench file is changed).

Run (Debian's PyTorch is enough):
    PYTHONPATH=/tmp/peers/neurobench:/tmp/peers/snntorch /usr/bin/python3 benchmarks/peers/neurobench_check.py \\
        --out snn4j-bench/src/test/resources/neurobench
"""
import argparse
import copy
import json
import os
import sys

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import snntorch as snn
    from neurobench.benchmarks import Benchmark
    from neurobench.models import SNNTorchModel, TorchModel
    from neurobench.processors.postprocessors import ChooseMaxCount, Aggregate
    from neurobench.metrics.static import Footprint, ParameterCount, ConnectionSparsity
    from neurobench.metrics.workload import (ClassificationAccuracy, ActivationSparsity, ActivationSparsityByLayer,
                                             SynapticOperations, MembraneUpdates, NeuronOperations, MSE, SMAPE, R2)
    import neurobench.metrics.workload.r2 as r2mod
except ImportError as e:  # pragma: no cover
    sys.exit("neurobench_check.py needs numpy, PyTorch, snnTorch and NeuroBench (%s). Run it as\n"
             "  PYTHONPATH=/tmp/peers/neurobench:/tmp/peers/snntorch /usr/bin/python3 "
             "benchmarks/peers/neurobench_check.py --out DIR" % e)


def _r2_compute(self):
    x_denom = self.x_labels.var(unbiased=False) * len(self.x_labels)
    y_denom = self.y_labels.var(unbiased=False) * len(self.y_labels)
    return ((1 - self.x_sum_squares / x_denom + 1 - self.y_sum_squares / y_denom) / 2).item()


r2mod.R2.compute = _r2_compute


class Batches:
    """A minimal data loader: NeuroBench only needs len(loader.dataset), len(loader) and iteration."""

    def __init__(self, batches):
        self.batches = batches
        self.dataset = [0] * sum(int(b[0].shape[0]) for b in batches)

    def __len__(self):
        return len(self.batches)

    def __iter__(self):
        return iter(self.batches)


def flat(t):
    return [float(v) for v in t.detach().numpy().astype(np.float32).ravel()]


def params_of(net):
    return {n: {"shape": list(p.shape), "data": flat(p)} for n, p in net.named_parameters()}


def dyadic(rng, shape, denom=16, lo=-8, hi=8, zero_frac=0.15):
    w = rng.randint(lo, hi + 1, size=shape).astype(np.float32) / denom
    w[rng.rand(*shape) < zero_frac] = 0
    return torch.tensor(w)


def set_weights(net, rng):
    with torch.no_grad():
        for _, p in net.named_parameters():
            p.copy_(dyadic(rng, tuple(p.shape)))


def plain(v):
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, torch.Tensor):
        return v.item()
    if isinstance(v, (np.floating, np.integer)):
        return v.item()
    return v


def run_case(net, model, batches, post, static, workload):
    fresh = {"Footprint": Footprint()(model)}
    bench = Benchmark(model, Batches(batches), [], post, [static, workload])
    res = plain(bench.run(quiet=True))
    return fresh, res


def batch_json(b):
    return {"inputs": {"shape": list(b[0].shape), "data": flat(b[0])},
            "labels": {"shape": list(b[1].shape), "data": flat(b[1].float())}}


# ------------------------------------------------------------------------------------------ NeuroBench's tests
def nb_tests():
    import tests.models.model_list as models
    out = {"net_snn": params_of(models.net_snn)}
    snn_results = {}
    for name, inp in [("ones", torch.ones(5, 10, 20)), ("zeros", torch.zeros(5, 10, 20))]:
        model = SNNTorchModel(models.net_snn)
        model.register_hooks()
        o = model(inp)
        r = {}
        for m in [MembraneUpdates(), ActivationSparsityByLayer(), NeuronOperations(), SynapticOperations(),
                  ActivationSparsity()]:
            if hasattr(m, "reset"):
                m.reset()
            r[type(m).__name__] = plain(m(model, o, (inp, 0)))
        model.cleanup_hooks()
        snn_results[name] = r
    out["net_snn_results"] = snn_results
    # the big test network: parameter count, fresh footprint, and connection sparsity of half-zero weights
    net = models.net
    fresh = {"ParameterCount": ParameterCount()(SNNTorchModel(net)), "Footprint": Footprint()(SNNTorchModel(net))}
    with torch.no_grad():
        for p in net.parameters():
            h = p.shape[0] // 2
            p[:h] = 0
            p[h:] = 1
    fresh["ConnectionSparsityHalf"] = ConnectionSparsity()(SNNTorchModel(net))
    out["net"] = fresh
    return out


# ------------------------------------------------------------------------------------------ harness cases
def case_conv(rng):
    T = 12
    net = nn.Sequential(
        nn.Conv2d(2, 4, 3, stride=2, padding=1),
        snn.Leaky(beta=0.5, init_hidden=True, reset_mechanism="zero"),
        nn.Flatten(),
        nn.Linear(64, 5),
        snn.Leaky(beta=0.5, init_hidden=True, output=True),
    )
    set_weights(net, rng)
    b1 = torch.tensor((rng.rand(3, T, 2, 8, 8) < 0.3).astype(np.float32))
    b2 = torch.tensor(rng.randint(0, 7, size=(2, T, 2, 8, 8)).astype(np.float32) / 4
                      * (rng.rand(2, T, 2, 8, 8) < 0.4))
    batches = [(b1, torch.tensor(rng.randint(0, 5, size=3))), (b2, torch.tensor(rng.randint(0, 5, size=2)))]
    model = SNNTorchModel(net)
    layers = [{"type": "conv2d", "in": 2, "out": 4, "kernel": 3, "stride": 2, "padding": 1},
              {"type": "leaky", "beta": 0.5, "reset": "zero"},
              {"type": "flatten"},
              {"type": "linear", "in": 64, "out": 5},
              {"type": "leaky", "beta": 0.5, "reset": "subtract"}]
    params = params_of(net)
    fresh, res = run_case(net, model, batches, [ChooseMaxCount()],
                          [Footprint, ConnectionSparsity, ParameterCount],
                          [ClassificationAccuracy, ActivationSparsity, ActivationSparsityByLayer,
                           SynapticOperations, MembraneUpdates, NeuronOperations])
    return layers, params, batches, fresh, res, "choose_max_count", True


def case_rec_zero(rng):
    T = 12
    net = nn.Sequential(
        nn.Linear(6, 8),
        snn.RLeaky(beta=0.5, linear_features=8, init_hidden=True, reset_mechanism="zero"),
        nn.Linear(8, 3),
        snn.Leaky(beta=0.5, init_hidden=True, output=True),
    )
    set_weights(net, rng)
    batches = [(torch.tensor((rng.rand(4, T, 6) < 0.4).astype(np.float32)), torch.tensor(rng.randint(0, 3, 4))),
               (torch.tensor((rng.rand(2, T, 6) < 0.4).astype(np.float32)), torch.tensor(rng.randint(0, 3, 2)))]
    layers = [{"type": "linear", "in": 6, "out": 8},
              {"type": "rleaky", "neurons": 8, "beta": 0.5, "reset": "zero"},
              {"type": "linear", "in": 8, "out": 3},
              {"type": "leaky", "beta": 0.5, "reset": "subtract"}]
    params = params_of(net)
    fresh, res = run_case(net, SNNTorchModel(net), batches, [ChooseMaxCount()],
                          [Footprint, ConnectionSparsity, ParameterCount],
                          [ClassificationAccuracy, ActivationSparsity, ActivationSparsityByLayer,
                           SynapticOperations, MembraneUpdates])
    return layers, params, batches, fresh, res, "choose_max_count", True


def case_rsyn_sub(rng):
    T = 12
    net = nn.Sequential(
        nn.Linear(6, 8),
        snn.RSynaptic(alpha=0.5, beta=0.5, linear_features=8, init_hidden=True),
        nn.Linear(8, 6),
        snn.Synaptic(alpha=0.5, beta=0.5, init_hidden=True, reset_mechanism="zero"),
        nn.Linear(6, 2),
        snn.Leaky(beta=0.5, init_hidden=True, output=True),
    )
    set_weights(net, rng)
    x1 = torch.tensor((rng.rand(3, T, 6) < 0.5).astype(np.float32))
    # batches of different sizes: snnTorch 0.9.4's reset does not clear RSynaptic's fed-back spikes, so under
    # NeuroBench a batch of the previous batch's size would start from that batch's last spikes
    x2 = torch.tensor((rng.rand(2, T, 6) < 0.5).astype(np.float32))
    y1 = torch.tensor(rng.randint(1, 6, size=(3, 2)).astype(np.float32))
    # the second batch's labels: one 0 where the prediction is 0 (a 0/0 term: sMAPE 200 for the batch)
    with torch.no_grad():  # on a copy: running the net itself would size its state buffers (see Footprint)
        p2 = SNNTorchModel(copy.deepcopy(net))(x2).sum(1)
    y2 = torch.tensor(rng.randint(1, 6, size=(2, 2)).astype(np.float32))
    zero = (p2 == 0).nonzero()
    if len(zero) > 0:
        y2[tuple(zero[0])] = 0
    batches = [(x1, y1), (x2, y2)]
    layers = [{"type": "linear", "in": 6, "out": 8},
              {"type": "rsynaptic", "neurons": 8, "alpha": 0.5, "beta": 0.5, "reset": "subtract"},
              {"type": "linear", "in": 8, "out": 6},
              {"type": "synaptic", "alpha": 0.5, "beta": 0.5, "reset": "zero"},
              {"type": "linear", "in": 6, "out": 2},
              {"type": "leaky", "beta": 0.5, "reset": "subtract"}]
    params = params_of(net)
    model = SNNTorchModel(net)
    fresh, res = run_case(net, model, batches, [Aggregate()],
                          [Footprint, ConnectionSparsity, ParameterCount],
                          [MSE, SMAPE, R2, ActivationSparsity, SynapticOperations, MembraneUpdates])
    fresh["sMAPE_zero_term"] = len(zero) > 0
    return layers, params, batches, fresh, res, "aggregate", True


def case_syn_ops(rng):
    T = 12
    net = nn.Sequential(
        nn.Linear(6, 8),
        snn.Synaptic(alpha=0.5, beta=0.5, init_hidden=True, reset_mechanism="zero"),
        nn.Linear(8, 5),
        snn.Synaptic(alpha=0.5, beta=0.5, init_hidden=True),
        nn.Linear(5, 3),
        snn.Leaky(beta=0.5, init_hidden=True, output=True, reset_mechanism="zero"),
    )
    set_weights(net, rng)
    batches = [(torch.tensor((rng.rand(3, T, 6) < 0.5).astype(np.float32)), torch.tensor(rng.randint(0, 3, 3))),
               (torch.tensor((rng.rand(1, T, 6) < 0.5).astype(np.float32)), torch.tensor(rng.randint(0, 3, 1)))]
    layers = [{"type": "linear", "in": 6, "out": 8},
              {"type": "synaptic", "alpha": 0.5, "beta": 0.5, "reset": "zero"},
              {"type": "linear", "in": 8, "out": 5},
              {"type": "synaptic", "alpha": 0.5, "beta": 0.5, "reset": "subtract"},
              {"type": "linear", "in": 5, "out": 3},
              {"type": "leaky", "beta": 0.5, "reset": "zero"}]
    params = params_of(net)
    fresh, res = run_case(net, SNNTorchModel(net), batches, [ChooseMaxCount()],
                          [Footprint, ConnectionSparsity, ParameterCount],
                          [ClassificationAccuracy, ActivationSparsity, ActivationSparsityByLayer,
                           SynapticOperations, MembraneUpdates, NeuronOperations])
    return layers, params, batches, fresh, res, "choose_max_count", True


def case_ann(rng):
    net = nn.Sequential(nn.Linear(10, 8), nn.ReLU(), nn.Linear(8, 4), nn.Sigmoid())
    set_weights(net, rng)
    mk = lambda b: torch.tensor(rng.randint(-4, 7, size=(b, 10)).astype(np.float32) / 4)
    batches = [(mk(3), torch.zeros(3)), (mk(5), torch.zeros(5))]
    layers = [{"type": "linear", "in": 10, "out": 8}, {"type": "relu"},
              {"type": "linear", "in": 8, "out": 4}, {"type": "sigmoid"}]
    params = params_of(net)
    fresh, res = run_case(net, TorchModel(net), batches, [],
                          [Footprint, ConnectionSparsity, ParameterCount],
                          [ActivationSparsity, ActivationSparsityByLayer, SynapticOperations])
    return layers, params, batches, fresh, res, "none", False


class CellLoop(nn.Module):
    """An LSTMCell, GRUCell or RNNCell run over time from zero states: x [B, T, in] -> h [B, T, H]."""

    def __init__(self, cell):
        super().__init__()
        self.cell = cell

    def forward(self, x):
        b, t = x.shape[0], x.shape[1]
        h = torch.zeros(b, self.cell.hidden_size)
        c = torch.zeros(b, self.cell.hidden_size)
        outs = []
        for s in range(t):
            if isinstance(self.cell, nn.LSTMCell):
                h, c = self.cell(x[:, s], (h, c))
            else:
                h = self.cell(x[:, s], h)
            outs.append(h)
        return torch.stack(outs, 1)


def cells(seed):
    """NeuroBench's cell rules over time, states passed at every step (zeros at the first). Biases have no zeros
    (NeuroBench's GRU rule reads the wrong bias element; with non-zero biases that cannot change a count)."""
    out = {}
    for i, (kind, make) in enumerate([("lstm", nn.LSTMCell), ("gru", nn.GRUCell), ("rnn", nn.RNNCell)]):
        rng = np.random.RandomState(seed + 100 + i)
        net = CellLoop(make(5, 4))
        with torch.no_grad():
            for n, p in net.named_parameters():
                p.copy_(dyadic(rng, tuple(p.shape), zero_frac=0 if "bias" in n else 0.2))
        x1 = torch.tensor(rng.randint(-4, 5, size=(3, 6, 5)).astype(np.float32) / 4)
        x2 = torch.tensor((rng.rand(2, 6, 5) < 0.5).astype(np.float32))  # spikes: ACs
        batches = [(x1, torch.zeros(3)), (x2, torch.zeros(2))]
        params = {"0." + n[len("cell."):]: v for n, v in params_of(net).items()}
        fresh, res = run_case(net, TorchModel(net), batches, [], [ConnectionSparsity, ParameterCount],
                              [SynapticOperations])
        out[kind] = {"params": params, "batches": [batch_json(b) for b in batches], "results": res}
        print("%-9s %s" % (kind, json.dumps(res)))
    return out


CASES = {"conv": case_conv, "rec_zero": case_rec_zero, "rsyn_sub": case_rsyn_sub, "syn_ops": case_syn_ops,
         "ann": case_ann}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="folder for the JSON files")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    import neurobench
    versions = {"neurobench": getattr(neurobench, "__version__", "2.3 (source)"), "snntorch": snn.__version__,
                "torch": torch.__version__, "numpy": np.__version__}
    doc = nb_tests()
    doc["versions"] = versions
    with open(os.path.join(a.out, "nb_tests.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    for i, (name, fn) in enumerate(CASES.items()):
        torch.manual_seed(a.seed + i)
        rng = np.random.RandomState(a.seed + i)
        layers, params, batches, fresh, res, post, time_axis = fn(rng)
        doc = {"layers": layers, "params": params, "batches": [batch_json(b) for b in batches],
               "postprocessor": post, "time_axis": time_axis, "fresh": fresh, "results": res,
               "versions": versions}
        with open(os.path.join(a.out, name + ".json"), "w") as f:
            json.dump(doc, f, separators=(",", ":"))
        print("%-9s %s" % (name, json.dumps(res)))
    doc = cells(a.seed)
    doc["versions"] = versions
    with open(os.path.join(a.out, "cells.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
