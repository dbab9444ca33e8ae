"""Prints the reference numbers pinned in snn4j's training tests (losses, optimizers, schedulers).

Run: PYTHONPATH=/tmp/peers/snntorch /usr/bin/python3 benchmarks/peers/loss_values.py
(snnTorch 0.9.4, PyTorch 1.13, CPU, float32).
"""
import math
import torch
import snntorch.functional as SF
from snntorch import spikegen

torch.set_printoptions(precision=7)


def show(name, loss_fn, out, targets):
    x = out.clone().requires_grad_(True)
    loss = loss_fn(x, targets)
    loss.sum().backward()
    print(name, "value", "%.7f" % loss.item())
    print(name, "grad", [round(v, 7) for v in x.grad.flatten().tolist()])


spk = torch.tensor([[[1, 0, 0], [0, 1, 0]], [[1, 0, 1], [0, 1, 0]], [[0, 0, 1], [1, 1, 0]]], dtype=torch.float)
tgt = torch.tensor([0, 1])
show("ce_rate", SF.ce_rate_loss(), spk, tgt)
show("ce_count", SF.ce_count_loss(), spk, tgt)
show("mse_count", SF.mse_count_loss(correct_rate=0.8, incorrect_rate=0.2), spk, tgt)
show("mse_count_default", SF.mse_count_loss(), spk, tgt)

mem = torch.tensor([[[0.5, -0.2, 0.1], [0.3, 0.9, -0.4]],
                    [[1.2, 0.4, 0.7], [0.0, 0.6, 0.2]],
                    [[0.8, 1.5, -0.3], [1.1, 0.2, 0.5]]], dtype=torch.float)
show("mse_membrane", SF.mse_membrane_loss(), mem, tgt)
show("mse_membrane_on2_off-1", SF.mse_membrane_loss(on_target=2, off_target=-1), mem, tgt)
show("ce_max_membrane", SF.ce_max_membrane_loss(), mem, tgt)
# ce_readout: CE on the mean over time of the membrane
x = mem.clone().requires_grad_(True)
l = torch.nn.functional.cross_entropy(x.mean(0), tgt)
l.backward()
print("ce_readout value", "%.7f" % l.item())
print("ce_readout grad", [round(v, 7) for v in x.grad.flatten().tolist()])

print("acc", SF.accuracy_rate(spk, tgt))

# optimizers: w0 and a fixed gradient sequence g_k = w * c_k + d (depends on w for realism)
def run(opt_ctor, steps=3):
    w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    opt = opt_ctor([w])
    for k in range(steps):
        opt.zero_grad()
        loss = ((w - torch.tensor([1.0, 0.0, -1.0])) ** 2).sum() * (k + 1)
        loss.backward()
        opt.step()
    return [round(v, 7) for v in w.detach().tolist()]

print("sgd", run(lambda p: torch.optim.SGD(p, lr=0.1)))
print("sgd_m", run(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)))
print("sgd_m_nest_wd_damp", run(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.1)))
print("sgd_m_damp", run(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.3)))
print("adam", run(lambda p: torch.optim.Adam(p, lr=0.1)))
print("adam_wd", run(lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.5)))
print("adamw", run(lambda p: torch.optim.AdamW(p, lr=0.1)))
print("adamw_wd", run(lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.5, betas=(0.8, 0.99), eps=1e-6)))

# schedulers
w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
sch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4, eta_min=0.01)
lrs = []
for e in range(6):
    lrs.append(round(opt.param_groups[0]["lr"], 9))
    opt.step(); sch.step()
print("cosine", lrs)
opt = torch.optim.SGD([w], lr=0.1)
sch = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1)
lrs = []
for m in [1.0, 0.9, 0.95, 0.92, 0.91, 0.95, 0.5, 0.6]:
    sch.step(m)
    lrs.append(round(opt.param_groups[0]["lr"], 9))
print("plateau", lrs)

# grad clip
a = torch.zeros(2, requires_grad=True); b = torch.zeros(1, requires_grad=True)
a.grad = torch.tensor([3.0, 0.0]); b.grad = torch.tensor([4.0])
n = torch.nn.utils.clip_grad_norm_([a, b], 1.0)
print("clip", n.item(), a.grad.tolist(), b.grad.tolist())

# encoders
print("latency norm lin", spikegen.latency(torch.tensor([0.02, 0.5, 1.0]), num_steps=5, normalize=True, linear=True).t().tolist())
print("latency", spikegen.latency(torch.tensor([0.02, 0.5, 1.0]), num_steps=5).t().tolist())
print("latency norm log", spikegen.latency(torch.tensor([0.02, 0.5, 1.0, 0.0]), num_steps=5, normalize=True).t().tolist())
def times(spk):
    # spike time of each element, -1 when it never spikes
    return [int(r.nonzero()[0]) if r.sum() > 0 else -1 for r in spk.t()]
print("latency tau5 clip", times(spikegen.latency(torch.tensor([0.005, 0.02, 0.1, 1.0]), num_steps=60, tau=5, clip=True)))
print("latency tau5", times(spikegen.latency(torch.tensor([0.005, 0.02, 0.1, 1.0]), num_steps=60, tau=5)))
print("latency lin clip", times(spikegen.latency(torch.tensor([0.005, 0.02, 0.1, 1.0]), num_steps=10, tau=5, linear=True, clip=True)))
print("latency lin", times(spikegen.latency(torch.tensor([0.005, 0.02, 0.1, 1.0]), num_steps=10, tau=5, linear=True)))
print("latency thr0.2 norm", times(spikegen.latency(torch.tensor([0.0, 0.25, 0.5, 0.75, 1.0]), num_steps=10, threshold=0.2, normalize=True)))
print("latency fst", spikegen.latency(torch.tensor([0.02, 0.5, 1.0]), num_steps=8, normalize=True, linear=True, first_spike_time=2).t().tolist())
print("delta", spikegen.delta(torch.tensor([1, 2, 2.9, 3, 3.9]), threshold=1).tolist())
print("delta off pad", spikegen.delta(torch.tensor([1, 2, 0.5, 3, 3.9]), threshold=1, padding=True, off_spike=True).tolist())
