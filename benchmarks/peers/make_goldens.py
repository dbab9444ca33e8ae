"""Writes the snnTorch golden files that snn4j's golden tests compare against.

For each case it builds a small network in snnTorch, runs it on a fixed input with an explicit time loop
(BPTT, states start at zero), computes a loss from snnTorch's ``functional`` module and back-propagates.
It saves, as float32 ``.npy`` (labels as int64):

    <case>.input.npy           input, time-major [T, B, ...]
    <case>.labels.npy          class labels [B]
    <case>.param.<name>.npy    initial value of every parameter, PyTorch names (``0.weight``, ``1.recurrent.bias``)
    <case>.grad.<name>.npy     d loss / d parameter
    <case>.spikes.npy          output spikes of the last layer [T, B, C]
    <case>.membrane.npy        membrane of the last layer [T, B, C] (after the reset, as snnTorch returns it)
    <case>.layer<i>.membrane.npy   the membrane of every hidden spiking layer i (to locate mismatches)
    <case>.loss.npy            the loss, shape [1]
    <case>.json                the network (snn4j layer specs), the loss, versions and tolerances

Every case is checked before it is written: all gradients finite and non-zero, every layer spikes in 5-60% of
its steps, and no membrane lies within MARGIN of its threshold (so that float32 rounding in another
implementation cannot flip a spike). The same network is also run in float64; the largest float32-vs-float64
difference of each gradient (relative to the array's largest value) is recorded in the JSON (``float32_error``)
and must stay below MAX_FLOAT32_ERROR, so that a case tests semantics rather than the rounding of an
ill-conditioned sum. A seed that fails a check is replaced by the next one.

With ``--oracles DIR`` it also reads the networks of the shared snnTorch NIR oracles (h5py) into
``<out>/oracles`` and checks that snnTorch with those weights reproduces the oracles' outputs.

Run: PYTHONPATH=/tmp/peers/snntorch /usr/bin/python3 benchmarks/peers/make_goldens.py \
        --out snn4j-core/src/test/resources/golden --oracles ../shared/data/snntorch-oracles
"""
import argparse
import copy
import json
import math
import os
import re
import sys

try:
    import numpy as np
    import torch
    import snntorch as snn
    import snntorch.functional as SF
    from snntorch import surrogate
except ImportError as e:  # pragma: no cover
    sys.exit("make_goldens.py needs numpy, PyTorch and snnTorch (%s). Run it as\n"
             "  PYTHONPATH=/tmp/peers/snntorch /usr/bin/python3 benchmarks/peers/make_goldens.py --out DIR" % e)

MARGIN = 1e-3          # |U - threshold| must exceed this everywhere
REL_TOL = 1e-5         # what the Java test asserts (relative to the golden array's largest magnitude ...)
ABS_FLOOR = 1e-6       # ... with this absolute floor for all-tiny arrays
MAX_FLOAT32_ERROR = 1e-6  # a case whose float32 gradients are farther than this from float64 is not used

T, B, N_IN, N_HID, N_OUT = 10, 4, 10, 16, 4


# ---------------------------------------------------------------------------------------------- surrogates
def make_surrogate(spec):
    t = spec["type"]
    if t == "atan":
        return surrogate.atan(alpha=spec["alpha"])
    if t == "fast_sigmoid":
        return surrogate.fast_sigmoid(slope=spec["slope"])
    if t == "sigmoid":
        return surrogate.sigmoid(slope=spec["slope"])
    if t == "triangle":
        return surrogate.triangular(threshold=spec["threshold"])
    if t == "straight_through":
        return surrogate.straight_through_estimator()
    raise ValueError(t)


ATAN = {"type": "atan", "alpha": 2.0}


# ---------------------------------------------------------------------------------------------- networks
def const(v, dtype):
    """A hyper-parameter as a tensor of float32 values (also in the float64 replica, so both run the same net)."""
    return torch.tensor(np.asarray(v, dtype=np.float32), dtype=dtype)


def build(layers, dtype):
    """An nn.Sequential from snn4j layer specs; neurons keep snnTorch's parameter names."""
    mods = []
    for spec in layers:
        t = spec["type"]
        if t == "linear":
            mods.append(torch.nn.Linear(spec["in_features"], spec["out_features"], bias=spec["bias"]))
        elif t == "conv2d":
            mods.append(torch.nn.Conv2d(spec["in_channels"], spec["out_channels"], spec["kernel_size"],
                                        stride=spec["stride"], padding=spec["padding"], bias=spec["bias"]))
        elif t == "maxpool2d":
            mods.append(torch.nn.MaxPool2d(spec["kernel_size"], stride=spec["stride"]))
        elif t == "flatten":
            mods.append(torch.nn.Flatten())
        elif t == "leaky_integrator":
            # a non-spiking readout: a Leaky without reset whose membrane is the output (its spikes are unused)
            mods.append(snn.Leaky(beta=const(spec["beta"], dtype), reset_mechanism="none"))
        elif t in ("leaky", "synaptic", "rleaky", "rsynaptic"):
            kw = dict(threshold=spec["threshold"], spike_grad=make_surrogate(spec["surrogate"]),
                      reset_mechanism=spec["reset"], learn_beta=spec["learn_beta"],
                      learn_threshold=spec["learn_threshold"])
            beta = const(spec["beta"], dtype)
            kw["threshold"] = const(spec["threshold"], dtype)
            if t == "leaky":
                m = snn.Leaky(beta=beta, reset_delay=spec["reset_delay"], **kw)
            elif t == "synaptic":
                alpha = const(spec["alpha"], dtype)
                m = snn.Synaptic(alpha=alpha, beta=beta, learn_alpha=spec["learn_alpha"],
                                 reset_delay=spec["reset_delay"], **kw)
            else:
                rec = spec["recurrent"]
                if rec == "all_to_all":
                    rkw = dict(all_to_all=True, linear_features=spec["neurons"])
                else:
                    rkw = dict(all_to_all=False, V=const(spec["V"], dtype))
                if t == "rleaky":
                    m = snn.RLeaky(beta=beta, reset_delay=spec["reset_delay"], **rkw, **kw)
                else:
                    m = snn.RSynaptic(alpha=const(spec["alpha"], dtype), beta=beta, reset_delay=spec["reset_delay"], **rkw, **kw)
            mods.append(m)
        else:
            raise ValueError(t)
    return torch.nn.Sequential(*mods).to(dtype)


def is_neuron(m):
    return isinstance(m, (snn.Leaky, snn.Synaptic, snn.RLeaky, snn.RSynaptic))


def run(net, x):
    """Explicit BPTT loop from zero states; returns per spiking layer (spikes [T,B,...], membranes [T,B,...])."""
    states = {}
    rec = {}
    for t in range(x.shape[0]):
        h = x[t]
        for i, m in enumerate(net):
            if not is_neuron(m):
                h = m(h)
                continue
            if i not in states:
                z = torch.zeros_like(h)
                states[i] = {"spk": z, "syn": z, "mem": z}
            s = states[i]
            if isinstance(m, snn.Leaky):
                spk, mem = m(h, s["mem"])
                s.update(mem=mem)
            elif isinstance(m, snn.Synaptic):
                spk, syn, mem = m(h, s["syn"], s["mem"])
                s.update(syn=syn, mem=mem)
            elif isinstance(m, snn.RLeaky):
                spk, mem = m(h, s["spk"], s["mem"])
                s.update(spk=spk.to(x.dtype), mem=mem)
            else:
                spk, syn, mem = m(h, s["spk"], s["syn"], s["mem"])
                s.update(spk=spk.to(x.dtype), syn=syn, mem=mem)
            spk = spk.to(x.dtype)  # snnTorch's surrogates always emit float32 spikes; matters for the float64 replica
            rec.setdefault(i, ([], []))
            rec[i][0].append(spk)
            rec[i][1].append(mem)
            h = spk
    return {i: (torch.stack(a), torch.stack(b)) for i, (a, b) in rec.items()}


def make_loss(spec):
    n, o = spec["name"], spec["options"]
    if n == "ce_count":
        return SF.ce_count_loss(), "spikes"
    if n == "ce_rate":
        return SF.ce_rate_loss(), "spikes"
    if n == "mse_count":
        return SF.mse_count_loss(correct_rate=o["correct_rate"], incorrect_rate=o["incorrect_rate"]), "spikes"
    if n == "mse_membrane":
        return SF.mse_membrane_loss(on_target=o["on_target"], off_target=o["off_target"]), "membrane"
    if n == "ce_max_membrane":
        return SF.ce_max_membrane_loss(), "membrane"
    raise ValueError(n)


def neuron(kind="leaky", beta=0.9, threshold=1.0, reset="subtract", surr=ATAN, **extra):
    d = {"type": kind, "beta": beta, "threshold": threshold, "reset": reset, "reset_delay": True,
         "learn_beta": False, "learn_threshold": False, "surrogate": surr}
    d.update(extra)
    return d


def linear(i, o):
    return {"type": "linear", "in_features": i, "out_features": o, "bias": True}


def ff(hidden, out=None, n_in=N_IN, n_hid=N_HID, n_out=N_OUT):
    out = out if out is not None else copy.deepcopy(hidden)
    return [linear(n_in, n_hid), hidden, linear(n_hid, n_out), out]


CE_COUNT = {"name": "ce_count", "options": {}}


def cases():
    c = {}
    for r in ("subtract", "zero", "none"):
        c["leaky_" + r] = dict(layers=ff(neuron(reset=r)), loss=CE_COUNT)
    c["leaky_nodelay"] = dict(layers=ff(neuron(reset_delay=False)), loss=CE_COUNT,
                              note="reset_delay=False, subtract")
    c["leaky_nodelay_zero"] = dict(layers=ff(neuron(reset="zero", reset_delay=False)), loss=CE_COUNT,
                                   note="reset_delay=False, zero")
    betas = [round(0.55 + 0.4 * i / (N_HID - 1), 4) for i in range(N_HID)]
    thr = [round(0.8 + 0.4 * i / (N_HID - 1), 4) for i in range(N_HID)]
    c["leaky_learn"] = dict(
        layers=ff(neuron(beta=betas, threshold=thr, learn_beta=True, learn_threshold=True),
                  neuron(beta=0.8, threshold=1.0, learn_beta=True, learn_threshold=True)),
        loss=CE_COUNT, note="learnable per-neuron beta and threshold [16] in layer 1, learnable scalar ones in layer 3")
    c["synaptic"] = dict(layers=ff(neuron("synaptic", alpha=0.8, learn_alpha=False), neuron()), loss=CE_COUNT)
    c["synaptic_zero"] = dict(layers=ff(neuron("synaptic", alpha=0.8, learn_alpha=False, reset="zero"),
                                        neuron(reset="zero")), loss=CE_COUNT)
    c["rleaky"] = dict(layers=ff(neuron("rleaky", recurrent="all_to_all", neurons=N_HID), neuron()), loss=CE_COUNT)
    c["rleaky_zero"] = dict(layers=ff(neuron("rleaky", recurrent="all_to_all", neurons=N_HID, reset="zero"),
                                      neuron(reset="zero")), loss=CE_COUNT)
    vs = [round(-0.5 + i / (N_HID - 1), 4) for i in range(N_HID)]
    c["rleaky_v"] = dict(layers=ff(neuron("rleaky", recurrent="one_to_one", V=vs), neuron()), loss=CE_COUNT,
                         note="one-to-one recurrence, learnable per-neuron V [16] (PyTorch name 1.V)")
    c["rsynaptic"] = dict(layers=ff(neuron("rsynaptic", alpha=0.8, recurrent="all_to_all", neurons=N_HID),
                                    neuron()), loss=CE_COUNT)
    c["conv2d"] = dict(
        layers=[{"type": "conv2d", "in_channels": 1, "out_channels": 4, "kernel_size": 3, "stride": 1,
                 "padding": 1, "bias": True},
                {"type": "maxpool2d", "kernel_size": 2, "stride": 2},
                neuron(),
                {"type": "flatten"},
                linear(64, N_OUT),
                neuron()],
        loss=CE_COUNT, input="dense", input_shape=[8, 3, 1, 8, 8])
    surr = {"surr_fast_sigmoid": {"type": "fast_sigmoid", "slope": 25.0},
            "surr_sigmoid": {"type": "sigmoid", "slope": 25.0},
            "surr_triangular": {"type": "triangle", "threshold": 1.0},
            "surr_ste": {"type": "straight_through"},
            "surr_atan_alpha3": {"type": "atan", "alpha": 3.0}}
    for name, s in surr.items():
        c[name] = dict(layers=ff(neuron(surr=s)), loss=CE_COUNT)
    # snnTorch's sigmoid surrogate is NaN below threshold - 3.5: smaller weights and threshold keep U above that
    c["surr_sigmoid"] = dict(layers=ff(neuron(surr=surr["surr_sigmoid"], threshold=0.5)), loss=CE_COUNT, gain=1.0)
    c["surr_sigmoid"]["note"] = ("snnTorch's sigmoid surrogate overflows (NaN) for U - threshold < -3.5; "
                                 "this case keeps every membrane above that")
    c["surr_triangular"]["note"] = ("snnTorch's triangular surrogate: dS/dU = +threshold for U < thr, "
                                    "-threshold for U >= thr")
    losses = {"loss_ce_rate": {"name": "ce_rate", "options": {}},
              "loss_mse_count": {"name": "mse_count", "options": {"correct_rate": 0.8, "incorrect_rate": 0.2}},
              "loss_mse_membrane": {"name": "mse_membrane", "options": {"on_target": 1.0, "off_target": 0.0}},
              "loss_ce_max_membrane": {"name": "ce_max_membrane", "options": {}}}
    for name, l in losses.items():
        c[name] = dict(layers=ff(neuron()), loss=l)
    # losses on the membrane read it from a non-spiking readout (snnTorch: Leaky without reset, spikes unused)
    for name in ("loss_mse_membrane", "loss_ce_max_membrane"):
        c[name]["layers"][3] = {"type": "leaky_integrator", "beta": 0.9}
    return c


# ---------------------------------------------------------------------------------------------- generation
def attempt(case, seed, gain, dtype):
    torch.manual_seed(seed)
    layers = case["layers"]
    shape = case.get("input_shape", [T, B, N_IN])
    if case.get("input") == "dense":
        x = torch.rand(shape)
    else:
        x = (torch.rand(shape) < 0.3).float()
    n_classes = [l for l in layers if l["type"] in ("linear",)][-1]["out_features"]
    labels = torch.randint(0, n_classes, (shape[1],))
    net = build(layers, torch.float32)
    with torch.no_grad():
        for m in net:
            if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d)):
                m.weight.mul_(gain)
                if m.bias is not None:
                    m.bias.mul_(gain)
    return x, labels, net


def forward_backward(net, x, labels, loss_spec):
    loss_fn, on = make_loss(loss_spec)
    net.zero_grad()
    rec = run(net, x)
    last = max(rec)
    spk, mem = rec[last]
    loss = loss_fn(spk if on == "spikes" else mem, labels)
    loss = loss.sum()
    loss.backward()
    grads = {n: p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p)
             for n, p in net.named_parameters()}
    return rec, loss.detach(), grads


def check(case, net, rec, grads):
    """None if the case is usable, else why not."""
    for n, g in grads.items():
        if not torch.isfinite(g).all():
            return "non-finite gradient " + n
        if float(g.abs().max()) == 0.0:
            return "all-zero gradient " + n
    for i, (spk, mem) in rec.items():
        m = net[i]
        if case["layers"][i]["type"] == "leaky_integrator":
            continue
        thr = m.threshold.detach()
        rate = float(spk.mean())
        if rate < 0.05 or rate > 0.6:
            return "layer %d spike rate %.3f" % (i, rate)
        if float((mem - thr).abs().min()) < MARGIN:
            return "layer %d membrane within %g of threshold" % (i, MARGIN)
        # the membrane before the reset also decides spikes in reset_delay=False mode
        if case["layers"][i]["surrogate"]["type"] == "sigmoid" and float((mem - thr).min()) < -3.0:
            return "layer %d membrane below threshold - 3 (snnTorch's sigmoid overflows)" % i
    if case["loss"]["name"] == "ce_max_membrane":
        # the gradient of max over time goes to one step only: keep the maximum unambiguous
        top2 = rec[max(rec)][1].topk(2, dim=0).values
        if float((top2[0] - top2[1]).min()) < MARGIN:
            return "ambiguous maximum membrane"
    return None


def pre_reset_margin_ok(case, net, x):
    """With reset_delay=False the stored membrane is after the reset; check the pre-reset value separately."""
    # Re-run with reset_delay=True semantics is not the same network, so instrument fire() instead.
    worst = [math.inf]
    hooks = []
    for i, m in enumerate(net):
        if is_neuron(m) and case["layers"][i]["type"] != "leaky_integrator":
            orig = m.fire

            def fire(mem, m=m, orig=orig):
                worst[0] = min(worst[0], float((mem - m.threshold).abs().min()))
                return orig(mem)
            m.fire = fire
            hooks.append((m, orig))
    with torch.no_grad():
        run(net, x)
    for m, _ in hooks:
        del m.fire  # back to the class's method
    return worst[0] >= MARGIN


def float64_replica(case, params, x, labels):
    """The same network, weights and input in float64: the reference the float32 goldens are judged by."""
    from snntorch import spikegen
    import snntorch.functional.loss as sfl
    net64 = build(case["layers"], torch.float64)
    with torch.no_grad():
        for n, p in net64.named_parameters():
            p.copy_(params[n].double())
    # snnTorch's losses build their targets with a module-level dtype
    spikegen.dtype = sfl.dtype = torch.float64
    try:
        return forward_backward(net64, x.double(), labels, case["loss"])
    finally:
        spikegen.dtype = sfl.dtype = torch.float32


def generate(name, case, out_dir, versions):
    gain = case.get("gain", 2.5)
    for seed in range(1000):
        x, labels, net = attempt(case, seed, gain, torch.float32)
        rec, loss, grads = forward_backward(net, x, labels, case["loss"])
        why = check(case, net, rec, grads)
        if why is None and not pre_reset_margin_ok(case, net, x):
            why = "pre-reset membrane within margin"
        if why is not None:
            continue
        params = {n: p.detach().clone() for n, p in net.named_parameters()}
        rec64, loss64, grads64 = float64_replica(case, params, x, labels)
        if any(not torch.equal(rec[i][0].double(), rec64[i][0]) for i in rec):
            why = "float64 spikes differ"
            continue
        f32err = {}
        for n in grads:
            d = float((grads[n].double() - grads64[n]).abs().max())
            f32err[n] = d / max(float(grads64[n].abs().max()), ABS_FLOOR)
        f32err["loss"] = abs(float(loss) - float(loss64)) / max(abs(float(loss64)), ABS_FLOOR)
        # an ill-conditioned case (gradients that are small sums of large terms) would test rounding, not semantics
        if max(f32err.values()) > MAX_FLOAT32_ERROR:
            why = "float32 gradients %.1e from float64" % max(f32err.values())
            continue
        break
    else:
        raise RuntimeError("no usable seed for " + name + ": " + why)

    def save(suffix, t, dtype=np.float32):
        np.save(os.path.join(out_dir, "%s.%s.npy" % (name, suffix)), t.detach().cpu().numpy().astype(dtype))

    save("input", x)
    save("labels", labels, np.int64)
    for n, p in params.items():
        save("param." + n, p)
    for n, g in grads.items():
        save("grad." + n, g)
    last = max(rec)
    save("spikes", rec[last][0])
    save("membrane", rec[last][1])
    for i, (_, m) in rec.items():
        if i != last:
            save("layer%d.membrane" % i, m)
    save("loss", loss.reshape(1))

    desc = {
        "case": name,
        "layers": case["layers"],
        "loss": case["loss"],
        "loss_on": make_loss(case["loss"])[1],
        "input_shape": list(x.shape),
        "spiking_layers": sorted(rec),
        "parameters": {n: list(p.shape) for n, p in params.items()},
        "seed": seed,
        "weight_gain": gain,
        "note": case.get("note", ""),
        "tolerance": {"rel": REL_TOL, "abs_floor": ABS_FLOOR,
                      "rule": "max|got - expected| <= rel * max(max|expected|, abs_floor) per array; spikes exact"},
        "float32_error": f32err,
        "versions": versions,
    }
    text = json.dumps(desc, indent=1)
    # one line per list of numbers keeps the files short
    text = re.sub(r"\[\s*([-0-9.e,\s]+?)\s*\]", lambda mt: "[" + re.sub(r"\s+", " ", mt.group(1)) + "]", text)
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        f.write(text + "\n")
    rates = {i: round(float(rec[i][0].mean()), 3) for i in rec}
    print("%-22s seed %3d loss %.6f rates %s max f32-vs-f64 rel err %.2e"
          % (name, seed, float(loss), rates, max(f32err.values())))


# ---------------------------------------------------------------------------------------------- NIR oracles
def oracle_case(nir_path, beta_rule):
    """The network of a snnTorch NIR oracle as snn4j layer specs plus its weights (PyTorch names)."""
    import h5py
    f = h5py.File(nir_path, "r")
    nodes = f["node/nodes"]
    layers, params = [], {}
    f32 = lambda v: [float(np.float32(x)) for x in np.asarray(v, dtype=np.float64).ravel()]

    def decay(node, key):
        # snnTorch writes tau = dt / (1 - beta) with dt = 1e-4, and r = tau / dt
        if beta_rule == "r":
            return f32(1.0 - 1.0 / np.asarray(node["r"][()], dtype=np.float64))
        return f32(1.0 - 1e-4 / np.asarray(node[key][()], dtype=np.float64))

    k = 0
    while True:
        name = str(k)
        if name in nodes:
            node = nodes[name]
            t = node["type"][()].decode()
            if t == "Affine":
                w = np.asarray(node["weight"][()], dtype=np.float32)
                layers.append(linear(w.shape[1], w.shape[0]))
                params[name + ".weight"] = w
                params[name + ".bias"] = np.asarray(node["bias"][()], dtype=np.float32)
            elif t == "LIF":
                layers.append(neuron(beta=decay(node, "tau"), reset="zero",
                                     threshold=f32(node["v_threshold"][()])[0]))
            elif t == "CubaLIF":
                alpha = f32(1.0 - 1.0 / np.asarray(node["w_in"][()], dtype=np.float64))
                layers.append(neuron("synaptic", alpha=alpha, learn_alpha=False, beta=decay(node, "tau_mem"),
                                     reset="zero", threshold=f32(node["v_threshold"][()])[0]))
            else:
                raise ValueError(t)
        elif name + ".lif" in nodes:
            lif, rec = nodes[name + ".lif"], nodes[name + ".w_rec"]
            w = np.asarray(rec["weight"][()], dtype=np.float32)
            layers.append(neuron("rleaky", recurrent="all_to_all", neurons=w.shape[0], beta=decay(lif, "tau"),
                                 reset="zero", threshold=f32(lif["v_threshold"][()])[0]))
            params[name + ".recurrent.weight"] = w
            params[name + ".recurrent.bias"] = np.asarray(rec["bias"][()], dtype=np.float32)
        else:
            break
        k += 1
    return layers, params


def oracles(src, out_dir, versions):
    """Writes golden/oracles/<case>.json and .param.*.npy for the NIR oracles in src, after checking that
    snnTorch with the weights read back from NIR reproduces the oracle's spikes, loss and gradients."""
    os.makedirs(out_dir, exist_ok=True)
    names = sorted(n[:-4] for n in os.listdir(src) if n.endswith(".nir"))
    for name in names:
        best = None
        for rule in ("r", "tau"):
            layers, params = oracle_case(os.path.join(src, name + ".nir"), rule)
            net = build(layers, torch.float32)
            with torch.no_grad():
                for n, p in net.named_parameters():
                    p.copy_(torch.from_numpy(params[n]))
            x = torch.from_numpy(np.load(os.path.join(src, name + ".input.npy")))
            labels = torch.from_numpy(np.load(os.path.join(src, name + ".labels.npy")))
            rec, loss, grads = forward_backward(net, x, labels, CE_COUNT)
            spk, mem = rec[max(rec)]
            want_spk = torch.from_numpy(np.load(os.path.join(src, name + ".spikes.npy")))
            want_mem = torch.from_numpy(np.load(os.path.join(src, name + ".membrane.npy")))
            want_loss = float(np.load(os.path.join(src, name + ".loss.npy"))[0])
            err = {"spike_mismatches": int((spk != want_spk).sum()),
                   "membrane": float((mem - want_mem).abs().max()) / float(want_mem.abs().max()),
                   "loss": abs(float(loss) - want_loss) / abs(want_loss)}
            for n, g in grads.items():
                w = torch.from_numpy(np.load(os.path.join(src, "%s.grad.%s.npy" % (name, n))))
                err["grad." + n] = float((g - w).abs().max()) / max(float(w.abs().max()), ABS_FLOOR)
            score = (err["spike_mismatches"], max(v for k2, v in err.items() if k2 != "spike_mismatches"))
            print("oracle %-4s beta from %-3s: %s" % (name, rule, err))
            if best is None or score < best[0]:
                best = (score, rule, layers, params, err)
        _, rule, layers, params, err = best
        for n, p in params.items():
            np.save(os.path.join(out_dir, "%s.param.%s.npy" % (name, n)), p)
        desc = {"case": name, "layers": layers, "loss": CE_COUNT, "loss_on": "spikes",
                "spiking_layers": [i for i, l in enumerate(layers) if l["type"] != "linear"],
                "parameters": {n: list(p.shape) for n, p in params.items()},
                "note": "read from %s.nir (beta = 1 - %s); the input, spikes, membrane, labels, loss and gradients "
                        "are in ../shared/data/snntorch-oracles" % (name, "1/r" if rule == "r" else "dt/tau"),
                "snntorch_rerun_error": err, "versions": versions}
        text = json.dumps(desc, indent=1)
        text = re.sub(r"\[\s*([-0-9.e,\s]+?)\s*\]", lambda mt: "[" + re.sub(r"\s+", " ", mt.group(1)) + "]", text)
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            f.write(text + "\n")
    with open(os.path.join(out_dir, "cases.txt"), "w") as f:
        f.write("\n".join(names) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="directory for the golden files")
    ap.add_argument("--only", nargs="*", help="case names (default: all)")
    ap.add_argument("--oracles", help="also convert the NIR oracles in this directory "
                    "(e.g. ../shared/data/snntorch-oracles) into <out>/oracles")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.set_num_threads(1)
    versions = {"snntorch": snn.__version__, "torch": torch.__version__, "numpy": np.__version__}
    all_cases = cases()
    names = a.only or list(all_cases)
    for n in names:
        generate(n, all_cases[n], a.out, versions)
    with open(os.path.join(a.out, "cases.txt"), "w") as f:
        f.write("\n".join(all_cases) + "\n")
    if a.oracles:
        oracles(a.oracles, os.path.join(a.out, "oracles"), versions)


if __name__ == "__main__":
    main()
