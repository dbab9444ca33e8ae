"""Reference numbers for snn4j's neuron tests, computed with snnTorch 0.9.4 (CPU PyTorch).

Run: PYTHONPATH=/tmp/peers/snntorch /usr/bin/python3 benchmarks/peers/neuron_values.py
The printed values are pinned as literals in snn4j-core/src/test/java/io/snn4j/core/neuron/SnnTorchValuesTest.java.
"""
import torch
import snntorch as snn
from snntorch import surrogate

torch.set_printoptions(precision=7)
X = [0.3, 0.5, 0.6, 0.0, 0.9, 0.2, 0.7, 0.0, 1.5, 0.1]
W = [0.5, -1.0, 0.25, 2.0, 1.0, -0.5, 0.75, 0.1, 0.3, -0.2]   # weights of the probed loss sum(W * spk)


def fmt(t):
    return ", ".join("%.7gf" % v for v in t.detach().flatten().tolist())


def run_leaky(name, **kw):
    lif = snn.Leaky(**kw)
    x = torch.tensor(X).reshape(10, 1, 1).requires_grad_()
    mem = lif.init_leaky()
    spk_rec, mem_rec = [], []
    for t in range(10):
        spk, mem = lif(x[t], mem)
        spk_rec.append(spk)
        mem_rec.append(mem)
    spk = torch.stack(spk_rec)
    loss = (spk.flatten() * torch.tensor(W)).sum()
    loss.backward()
    print("==", name)
    print("spk  ", fmt(spk))
    print("mem  ", fmt(torch.stack(mem_rec)))
    print("gx   ", fmt(x.grad))
    for p in ("beta", "threshold"):
        v = getattr(lif, p)
        if isinstance(v, torch.nn.Parameter):
            print("g" + p, fmt(v.grad))


run_leaky("leaky subtract learn", beta=0.9, learn_beta=True, learn_threshold=True)
run_leaky("leaky zero learn", beta=0.9, learn_beta=True, learn_threshold=True, reset_mechanism="zero")
run_leaky("leaky subtract nodelay learn", beta=0.9, learn_beta=True, learn_threshold=True, reset_delay=False)
run_leaky("leaky zero nodelay learn", beta=0.9, learn_beta=True, learn_threshold=True, reset_mechanism="zero",
          reset_delay=False)
run_leaky("leaky none learn thr 0.8", beta=0.95, threshold=0.8, learn_beta=True, learn_threshold=True,
          reset_mechanism="none")
run_leaky("leaky triangular", beta=0.9, spike_grad=surrogate.triangular())
run_leaky("leaky sigmoid", beta=0.9, spike_grad=surrogate.sigmoid())
run_leaky("leaky ste", beta=0.9, spike_grad=surrogate.straight_through_estimator())
run_leaky("leaky graded 2.5", beta=0.9, graded_spikes_factor=2.5)
run_leaky("leaky beta 1.2 clamped", beta=1.2, learn_beta=True)


def run_synaptic(name, **kw):
    syn_l = snn.Synaptic(**kw)
    x = torch.tensor(X).reshape(10, 1, 1).requires_grad_()
    syn, mem = syn_l.init_synaptic()
    sp, sy, me = [], [], []
    for t in range(10):
        spk, syn, mem = syn_l(x[t], syn, mem)
        sp.append(spk); sy.append(syn); me.append(mem)
    spk = torch.stack(sp)
    (spk.flatten() * torch.tensor(W)).sum().backward()
    print("==", name)
    print("spk  ", fmt(spk))
    print("syn  ", fmt(torch.stack(sy)))
    print("mem  ", fmt(torch.stack(me)))
    print("gx   ", fmt(x.grad))
    for p in ("alpha", "beta", "threshold"):
        v = getattr(syn_l, p)
        if isinstance(v, torch.nn.Parameter):
            print("g" + p, fmt(v.grad))


run_synaptic("synaptic subtract learn", alpha=0.8, beta=0.9, learn_alpha=True, learn_beta=True, learn_threshold=True)
run_synaptic("synaptic zero learn", alpha=0.8, beta=0.9, learn_alpha=True, learn_beta=True, learn_threshold=True,
             reset_mechanism="zero")

# recurrent: N = 2, B = 1, T = 6
XR = [[0.6, 0.1], [0.5, 0.3], [0.0, 0.9], [0.8, 0.2], [0.3, 0.4], [0.9, 0.0]]
WR = [[1.0, -0.5], [0.25, 2.0], [0.5, 1.5], [-1.0, 0.3], [0.7, 0.2], [0.1, -0.4]]
REC_W = [[0.2, -0.4], [0.6, 0.1]]
REC_B = [0.05, -0.1]


def run_recurrent(cls, name, all_to_all, **kw):
    if all_to_all:
        lay = cls(all_to_all=True, linear_features=2, **kw)
        with torch.no_grad():
            lay.recurrent.weight.copy_(torch.tensor(REC_W))
            lay.recurrent.bias.copy_(torch.tensor(REC_B))
    else:
        lay = cls(all_to_all=False, V=torch.tensor([0.5, -0.3]), **kw)
    x = torch.tensor(XR).reshape(6, 1, 2).requires_grad_()
    state = lay.reset_mem()
    sp, me = [], []
    for t in range(6):
        out = lay(x[t])
        sp.append(out[0]); me.append(out[-1])
    spk = torch.stack(sp)
    (spk * torch.tensor(WR).reshape(6, 1, 2)).sum().backward()
    print("==", name)
    print("spk  ", fmt(spk))
    print("mem  ", fmt(torch.stack(me)))
    print("gx   ", fmt(x.grad))
    for pn, p in lay.named_parameters():
        if p.grad is not None:
            print("g" + pn, fmt(p.grad))


run_recurrent(snn.RLeaky, "rleaky all subtract learn", True, beta=0.9, learn_beta=True, learn_threshold=True)
run_recurrent(snn.RLeaky, "rleaky all zero", True, beta=0.9, reset_mechanism="zero")
run_recurrent(snn.RLeaky, "rleaky one subtract", False, beta=0.9)
run_recurrent(snn.RSynaptic, "rsynaptic all subtract learn", True, alpha=0.8, beta=0.9, learn_alpha=True,
              learn_beta=True, learn_threshold=True)
run_recurrent(snn.RSynaptic, "rsynaptic one zero", False, alpha=0.8, beta=0.9, reset_mechanism="zero")
