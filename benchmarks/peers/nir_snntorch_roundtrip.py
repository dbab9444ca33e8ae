#!/usr/bin/env python3
"""Runs a NIR file in snnTorch: reads it with NIR's reader, builds the network with snnTorch's own importer
(`snntorch.import_nir.import_from_nir`, which runs it through NIRTorch) and feeds it a time-major input.

    nir_snntorch_roundtrip.py MODEL.nir INPUT.npy SPIKES.npy [--expect OTHER_SPIKES.npy]

INPUT.npy is float32 [T, B, features...]; SPIKES.npy receives what reaches the graph's Output, [T, B, ...]
float32. With --expect, the result is compared with another run's spikes (e.g. `snn4j simulate`'s spikes.npy)
and the script prints whether they are identical and where they differ.

snnTorch's importer reads LIF/CubaLIF with dt = 1e-4 (beta = 1 - dt/tau), reset to zero and the reset within
the step (reset_delay=False): for Leaky neurons that gives the same spikes as snn4j's `snntorch` preset (which
keeps snnTorch's default reset_delay=True; only the membrane reported at a spike differs). It needs snnTorch,
NIR and NIRTorch importable, e.g. from source checkouts:

    PYTHONPATH=/path/to/NIR:/path/to/NIRTorch:/path/to/snntorch /usr/bin/python3 \\
        benchmarks/peers/nir_snntorch_roundtrip.py model.nir x.npy snntorch_spikes.npy --expect sim/spikes.npy

(NIR run from its source has no `nir.version`; this script sets it.)
Exit codes: 0 ran (and, with --expect, the spikes are identical), 1 the spikes differ, 2 bad arguments,
3 numpy, torch, nir, nirtorch or snntorch not importable.
"""
import sys


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    expect = None
    if "--expect" in argv:
        i = argv.index("--expect")
        if i + 1 >= len(argv):
            print("nir_snntorch_roundtrip: --expect needs a .npy file", file=sys.stderr)
            return 2
        expect = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if len(argv) != 3:
        print("usage: nir_snntorch_roundtrip.py MODEL.nir INPUT.npy SPIKES.npy [--expect OTHER_SPIKES.npy]",
              file=sys.stderr)
        return 2
    model, inp, out = argv
    try:
        import numpy as np
        import torch
        import nir
        if not hasattr(nir, "version"):  # a source checkout: no package metadata
            nir.version = nir.__version__ = "1.0.7"
        import nirtorch  # noqa: F401
        import snntorch
        from snntorch.import_nir import import_from_nir
    except ImportError as e:  # pragma: no cover - depends on the machine
        print("nir_snntorch_roundtrip: cannot import %s; put snnTorch, NIR and NIRTorch on PYTHONPATH" % e,
              file=sys.stderr)
        return 3

    graph = nir.read(model)
    net = import_from_nir(graph)
    net.eval()
    x = torch.from_numpy(np.load(inp).astype(np.float32))
    outs = []
    state = None
    with torch.no_grad():
        for t in range(x.shape[0]):
            res = net(x[t], state) if state is not None else net(x[t])
            if isinstance(res, tuple):
                y, state = res[0], res[-1]
            else:
                y = res
            outs.append(y.detach().to(torch.float32).numpy().copy())
    spikes = np.stack(outs).astype(np.float32)
    np.save(out, spikes)
    print("nir_snntorch_roundtrip: snnTorch %s ran %s on %s %s: %d output spikes, wrote %s %s"
          % (snntorch.__version__, model, inp, list(x.shape), int(spikes.sum()), out, list(spikes.shape)))
    if expect is None:
        return 0
    other = np.load(expect)
    if other.shape != spikes.shape:
        print("nir_snntorch_roundtrip: shapes differ: snnTorch %s, %s %s" % (list(spikes.shape), expect,
                                                                           list(other.shape)))
        return 1
    diff = np.argwhere(other != spikes)
    if len(diff) == 0:
        print("nir_snntorch_roundtrip: identical to %s (%d spikes in %d values)" % (expect, int(other.sum()),
                                                                                     other.size))
        return 0
    print("nir_snntorch_roundtrip: %d of %d values differ from %s; first at [t, b, ...] = %s"
          % (len(diff), other.size, expect, diff[0].tolist()))
    return 1


if __name__ == "__main__":
    sys.exit(main())
