"""Writes the PyTorch golden files that snn4j's conventional (ANN) layer tests compare against.

For each case it builds one small PyTorch module with a fixed seed (nn.LSTM, nn.GRU, nn.RNN with tanh or relu,
nn.LayerNorm, nn.ReLU/Sigmoid/Tanh), runs it on a fixed time-major input [T, B, ...] (recurrent states start at
zero), takes the sum-of-squares loss L = sum(y ** 2) and back-propagates. It saves, as float32 ``.npy``:

    <case>.json               the layer as an snn4j spec ({"type": ..., keys}) and the loss
    <case>.input.npy          the input
    <case>.param.<name>.npy   every parameter, PyTorch's cell names (weight_ih, weight_hh, bias_ih, bias_hh;
                              weight, bias), i.e. nn.LSTM's ``weight_ih_l0`` saved as ``weight_ih``
    <case>.output.npy         the output y
    <case>.grad.input.npy     dL/dinput
    <case>.grad.<name>.npy    dL/dparameter

The recurrent cases are also run as the matching cell (nn.LSTMCell, ...) unrolled over time, which must agree
with the layer, so that the files state the semantics of both. Every case is also run in float64: the largest
float32-vs-float64 difference (relative to each array's largest magnitude) must stay below 1e-6, so that the
Java test's tolerance (1e-5) tests semantics, not rounding. The files are deterministic.

Run (PyTorch 1.13, CPU):
    /usr/bin/python3 benchmarks/peers/make_ann_goldens.py --out snn4j-core/src/test/resources/goldens/ann
"""
import argparse
import json
import os
import sys

try:
    import numpy as np
    import torch
    from torch import nn
except ImportError as e:  # pragma: no cover
    sys.exit("make_ann_goldens.py needs numpy and PyTorch (%s)" % e)

T, B, IN, H = 5, 3, 4, 6
MAX_FLOAT32_ERROR = 1e-6


def recurrent_cases():
    return [
        ("lstm", dict(type="lstm", input_size=IN, hidden_size=H, bias=True), 11),
        ("lstm_nobias", dict(type="lstm", input_size=IN, hidden_size=H, bias=False), 12),
        ("gru", dict(type="gru", input_size=IN, hidden_size=H, bias=True), 13),
        ("rnn_tanh", dict(type="rnn", input_size=IN, hidden_size=H, bias=True, nonlinearity="tanh"), 14),
        ("rnn_relu", dict(type="rnn", input_size=IN, hidden_size=H, bias=True, nonlinearity="relu"), 15),
    ]


def make_recurrent(spec):
    kw = dict(input_size=spec["input_size"], hidden_size=spec["hidden_size"], bias=spec["bias"])
    if spec["type"] == "lstm":
        return nn.LSTM(**kw), nn.LSTMCell(**kw)
    if spec["type"] == "gru":
        return nn.GRU(**kw), nn.GRUCell(**kw)
    return nn.RNN(nonlinearity=spec["nonlinearity"], **kw), nn.RNNCell(nonlinearity=spec["nonlinearity"], **kw)


def run_recurrent(layer, x):
    y, _ = layer(x)
    return y


def run_cell(cell, x, spec):
    h = torch.zeros(x.shape[1], spec["hidden_size"], dtype=x.dtype)
    c = torch.zeros_like(h)
    ys = []
    for t in range(x.shape[0]):
        if spec["type"] == "lstm":
            h, c = cell(x[t], (h, c))
        else:
            h = cell(x[t], h)
        ys.append(h)
    return torch.stack(ys)


def other_cases():
    return [
        ("layernorm", dict(type="layernorm", normalized_shape=[2, 3], eps=1e-5, elementwise_affine=True), 21,
         (T, B, 2, 3)),
        ("layernorm_1d", dict(type="layernorm", normalized_shape=6, eps=1e-5, elementwise_affine=True), 22,
         (T, B, 6)),
        ("relu", dict(type="relu"), 23, (T, B, 7)),
        ("sigmoid", dict(type="sigmoid"), 24, (T, B, 7)),
        ("tanh", dict(type="tanh"), 25, (T, B, 7)),
    ]


def make_other(spec):
    t = spec["type"]
    if t == "layernorm":
        ns = spec["normalized_shape"]
        m = nn.LayerNorm(ns if isinstance(ns, list) else [ns], eps=spec["eps"],
                         elementwise_affine=spec["elementwise_affine"])
        with torch.no_grad():
            # not the initial ones and zeros, so that the affine part is tested
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.5, 0.5)
        return m
    return {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}[t]()


def cell_name(n):
    """nn.LSTM's weight_ih_l0 -> weight_ih (the cell's and snn4j's name)."""
    return n[:-3] if n.endswith("_l0") else n


def gradients(module, x, forward):
    x = x.clone().requires_grad_(True)
    for p in module.parameters():
        p.grad = None
    y = forward(module, x)
    loss = (y ** 2).sum()
    loss.backward()
    grads = {"input": x.grad.detach().clone()}
    for n, p in module.named_parameters():
        grads[cell_name(n)] = p.grad.detach().clone()
    return y.detach(), loss.detach(), grads


def rel_diff(a, b):
    a = a.double()
    b = b.double()
    scale = max(float(b.abs().max()), 1e-12)
    return float((a - b).abs().max()) / scale


def write_case(out_dir, name, spec, module, x, forward, extra_check=None):
    y, loss, grads = gradients(module, x, forward)
    m64 = __import__("copy").deepcopy(module).double()
    y64, loss64, grads64 = gradients(m64, x.double(), forward)
    worst = rel_diff(y, y64)
    for k in grads:
        worst = max(worst, rel_diff(grads[k], grads64[k]))
    if worst > MAX_FLOAT32_ERROR:
        sys.exit("%s: float32 differs from float64 by %.3g (relative), more than %g" % (name, worst,
                                                                                        MAX_FLOAT32_ERROR))
    if extra_check is not None:
        extra_check(y, grads)

    def save(suffix, t):
        np.save(os.path.join(out_dir, "%s.%s.npy" % (name, suffix)), t.detach().cpu().numpy().astype(np.float32))

    save("input", x)
    for n, p in module.named_parameters():
        save("param." + cell_name(n), p)
    save("output", y)
    for k, g in grads.items():
        save("grad." + k, g)
    meta = {"layer": spec, "loss": "sum(y ** 2)", "loss_value": float(loss), "float32_error": worst,
            "torch": torch.__version__}
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write("\n")
    return worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="output directory (created)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    names = []
    for name, spec, seed in recurrent_cases():
        torch.manual_seed(seed)
        layer, cell = make_recurrent(spec)
        # the cell gets the layer's weights: unrolled, it must give the layer's outputs and gradients
        with torch.no_grad():
            for n, p in cell.named_parameters():
                p.copy_(dict(layer.named_parameters())[n + "_l0"])
        x = torch.empty(T, B, IN).uniform_(-1.5, 1.5)

        def check(y, grads, cell=cell, x=x, spec=spec, name=name):
            yc, _, gc = gradients(cell, x, lambda m, v: run_cell(m, v, spec))
            d = max([rel_diff(y, yc)] + [rel_diff(grads[k], gc[k]) for k in grads])
            if d > 1e-6:
                sys.exit("%s: the unrolled cell differs from the layer by %.3g" % (name, d))

        worst = write_case(args.out, name, spec, layer, x, run_recurrent, check)
        names.append(name)
        print("%-12s float32 error %.2e" % (name, worst))
    for name, spec, seed, shape in other_cases():
        torch.manual_seed(seed)
        module = make_other(spec)
        x = torch.empty(*shape).uniform_(-2, 2)
        worst = write_case(args.out, name, spec, module, x, lambda m, v: m(v))
        names.append(name)
        print("%-12s float32 error %.2e" % (name, worst))
    with open(os.path.join(args.out, "cases.txt"), "w") as f:
        f.write("\n".join(names) + "\n")


if __name__ == "__main__":
    main()
