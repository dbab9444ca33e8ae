#!/usr/bin/env python3
"""Computes tonic's outputs for a few fixed small event recordings, as golden files for snn4j's event transforms.

Writes into snn4j-data/src/test/resources/tonic/ (or --out):
  in_<name>.npy   the inputs, int64 [N, 4] with the columns x, y, t, p
  <case>.npy      tonic's output for each case: ToFrame frames (int16 [T, P, H, W], [T, P, W] for events
                  without y, float64 zeros [T, P, W, H] for empty input, as tonic returns them), ToVoxelGrid
                  (float64 [n, 1, H, W]), and filtered/rescaled events (int64 [N, 4], x, y, t, p)
  nmnist_synth.bin  a small N-MNIST file of our own (with an overflow record), read by tonic's read_mnist_file
                  (nmnist_read.npy) and turned into frames (nmnist_frames_*.npy)
  cases.json      one entry per case: input (or file), sensor size, transform and its parameters
snn4j-data's TonicGoldenTest replays every case with snn4j and compares exactly (dtype, shape, every value).

tonic is not a dependency of the project: run this with a tonic source tree on PYTHONPATH, e.g.
  git clone https://github.com/neuromorphs/tonic /tmp/tonic-src   (or unpack a source archive there)
  PYTHONPATH=/tmp/tonic-src /usr/bin/python3 benchmarks/peers/tonic_goldens.py
It needs NumPy 1.x (tonic's float16 arithmetic changed in NumPy 2) and pbr (Debian: python3-pbr). tonic's package
imports its dataset modules too; the dataset-only dependencies that are not installed (importRosbag, for the
rosbag datasets, is not packaged by Debian) are replaced by empty stub modules before tonic is imported, so
tonic.transforms, tonic.functional and tonic.slicers run as released. The stubs raise if anything calls them.

Inputs are built from fixed values and a fixed NumPy seed; the random transforms (DropEvent, TimeJitter,
SpatialJitter) are not here, since NumPy's random streams cannot be reproduced in Java.
Exit codes: 0 done, 3 tonic not importable.
"""
import argparse
import json
import os
import sys
import types

os.environ.setdefault("PBR_VERSION", "0.0.0")  # tonic's __version__ comes from pbr, which needs git metadata

import numpy as np


class _Missing:
    def __init__(self, name):
        self._name = name

    def __call__(self, *a, **k):
        raise ImportError("stubbed module used: " + self._name)

    def __getattr__(self, a):
        return _Missing(self._name + "." + a)


def import_tonic():
    """Imports tonic, stubbing modules that only its dataset loaders need. Returns (tonic, stubbed names)."""
    stubbed = []
    for _ in range(30):
        try:
            import tonic  # noqa: F401
            import tonic.transforms  # noqa: F401
            return sys.modules["tonic"], stubbed
        except ModuleNotFoundError as e:
            name = e.name
            if name is None or name.startswith("tonic") or name in stubbed:
                raise
            stubbed.append(name)
            parts = name.split(".")
            for i in range(1, len(parts) + 1):
                n = ".".join(parts[:i])
                m = types.ModuleType(n)
                m.__path__ = []
                m.__getattr__ = (lambda attr, _n=n: _Missing(_n + "." + attr))
                sys.modules.setdefault(n, m)
            for k in list(sys.modules):
                if k == "tonic" or k.startswith("tonic."):
                    del sys.modules[k]
    raise ImportError("could not import tonic")


DT = np.dtype([("x", "<i8"), ("y", "<i8"), ("t", "<i8"), ("p", "<i8")])
DT_NOY = np.dtype([("x", "<i8"), ("t", "<i8"), ("p", "<i8")])


def structured(rows, noy=False):
    rows = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
    if noy:
        a = np.zeros(len(rows), dtype=DT_NOY)
        a["x"], a["t"], a["p"] = rows[:, 0], rows[:, 2], rows[:, 3]
    else:
        a = np.zeros(len(rows), dtype=DT)
        a["x"], a["y"], a["t"], a["p"] = rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]
    return a


def unstructured(ev):
    """Events back to int64 [N, 4] x, y, t, p (y = 0 when the events have none)."""
    out = np.zeros((len(ev), 4), dtype=np.int64)
    out[:, 0] = ev["x"]
    out[:, 1] = ev["y"] if "y" in ev.dtype.names else 0
    out[:, 2] = ev["t"]
    out[:, 3] = ev["p"]
    return out


def inputs():
    rng = np.random.RandomState(1234)
    ins = {}
    # 8 x 6 x 2 sensor; duplicates and timestamps on multiples of 10 (bin edges for a 10 us window)
    t = [0, 0, 3, 5, 10, 10, 12, 19, 20, 20, 21, 30, 35, 40, 40, 41, 50, 55, 60, 63, 70, 80, 80, 90]
    n = len(t)
    x = rng.randint(0, 8, n)
    y = rng.randint(0, 6, n)
    p = rng.randint(0, 2, n)
    x[:4] = [0, 7, 3, 3]  # edge pixels (Denoise's borders)
    y[:4] = [0, 5, 2, 3]
    ins["a"] = (np.stack([x, y, t, p], 1), (8, 6, 2), False)
    ins["one"] = (np.array([[3, 2, 100, 1]]), (8, 6, 2), False)
    ins["empty"] = (np.zeros((0, 4), dtype=np.int64), (8, 6, 2), False)
    n = 200
    td = np.sort(rng.randint(0, 1000, n))
    ins["dense"] = (np.stack([rng.randint(0, 8, n), rng.randint(0, 6, n), td, rng.randint(0, 2, n)], 1),
                    (8, 6, 2), False)
    # one polarity (all ON) for a P = 1 sensor
    tm = np.sort(rng.randint(0, 100, 30))
    ins["mono"] = (np.stack([rng.randint(0, 8, 30), rng.randint(0, 6, 30), tm, np.ones(30, np.int64)], 1),
                   (8, 6, 1), False)
    # one-dimensional events (no y), like SHD's: p = 1 on a (10, 1, 1) sensor
    tn = np.sort(rng.randint(0, 100, 25))
    ins["noy"] = (np.stack([rng.randint(0, 10, 25), np.zeros(25, np.int64), tn, np.ones(25, np.int64)], 1),
                  (10, 1, 1), True)
    # absolute timestamps as AEDAT 4 stores them (~1.6e15 us)
    tb = 1605537493718345 + np.sort(rng.randint(0, 5000, 40))
    ins["big_t"] = (np.stack([rng.randint(0, 8, 40), rng.randint(0, 6, 40), tb, rng.randint(0, 2, 40)], 1),
                    (8, 6, 2), False)
    return ins


def cases():
    c = []

    def frame(name, inp, **kw):
        c.append({"name": name, "input": inp, "transform": "ToFrame", "params": kw})

    for inp in ("a",):
        frame("frame_a_tw10", inp, time_window=10)
        frame("frame_a_tw10_incl", inp, time_window=10, include_incomplete=True)
        frame("frame_a_tw10_ov5", inp, time_window=10, overlap=5)
        frame("frame_a_tw10_ov5_incl", inp, time_window=10, overlap=5, include_incomplete=True)
        frame("frame_a_tw7.5_ov2.5_incl", inp, time_window=7.5, overlap=2.5, include_incomplete=True)
        frame("frame_a_tw100", inp, time_window=100)
        frame("frame_a_tw100_incl", inp, time_window=100, include_incomplete=True)
        frame("frame_a_tw10_start_end", inp, time_window=10, start_time=-5, end_time=95, include_incomplete=True)
        frame("frame_a_ec5", inp, event_count=5)
        frame("frame_a_ec5_incl", inp, event_count=5, include_incomplete=True)
        frame("frame_a_ec5_ov2", inp, event_count=5, overlap=2)
        frame("frame_a_ec5_ov2_incl", inp, event_count=5, overlap=2, include_incomplete=True)
        frame("frame_a_ec4_ov1.5_incl", inp, event_count=4, overlap=1.5, include_incomplete=True)
        frame("frame_a_ec100", inp, event_count=100)
        frame("frame_a_ntb3", inp, n_time_bins=3)
        frame("frame_a_ntb4_ov0.5", inp, n_time_bins=4, overlap=0.5)
        frame("frame_a_ntb7", inp, n_time_bins=7)
        frame("frame_a_neb3", inp, n_event_bins=3)
        frame("frame_a_neb5_ov0.3", inp, n_event_bins=5, overlap=0.3)
        frame("frame_a_neb30", inp, n_event_bins=30)
    frame("frame_one_tw10", "one", time_window=10)
    frame("frame_one_ec3", "one", event_count=3)
    frame("frame_one_ntb3", "one", n_time_bins=3)
    frame("frame_one_neb2", "one", n_event_bins=2)
    frame("frame_empty_tw10", "empty", time_window=10)
    frame("frame_empty_ec3", "empty", event_count=3)
    frame("frame_empty_ntb3", "empty", n_time_bins=3)
    frame("frame_empty_neb2", "empty", n_event_bins=2)
    frame("frame_mono_tw20", "mono", time_window=20, include_incomplete=True)
    frame("frame_noy_tw20", "noy", time_window=20, include_incomplete=True)
    frame("frame_noy_ntb4", "noy", n_time_bins=4)
    frame("frame_bigt_tw1000.5_ov250.25_incl", "big_t", time_window=1000.5, overlap=250.25,
          include_incomplete=True)
    frame("frame_dense_ntb5", "dense", n_time_bins=5)

    def other(name, inp, transform, **kw):
        c.append({"name": name, "input": inp, "transform": transform, "params": kw})

    other("denoise_a_5", "a", "Denoise", filter_time=5)
    other("denoise_a_10", "a", "Denoise", filter_time=10)
    other("denoise_dense_20", "dense", "Denoise", filter_time=20)
    other("refractory_a_5", "a", "RefractoryPeriod", delta=5)
    other("refractory_a_0", "a", "RefractoryPeriod", delta=0)
    other("refractory_dense_50", "dense", "RefractoryPeriod", delta=50)
    other("downsample_a_t0.5_s0.5", "a", "Downsample", time_factor=0.5, spatial_factor=0.5)
    other("downsample_dense_t0.001_s0.3x0.7", "dense", "Downsample", time_factor=0.001,
          spatial_factor=[0.3, 0.7])
    other("downsample_dense_target3x2", "dense", "Downsample", sensor_size=[8, 6, 2], target_size=[3, 2])
    other("downsample_bigt_t0.001", "big_t", "Downsample", time_factor=0.001)
    other("croptime_a_10_50", "a", "CropTime", min=10, max=50)
    other("croptime_a_15", "a", "CropTime", min=15)
    other("voxel_a_3", "a", "ToVoxelGrid", n_time_bins=3)
    other("voxel_dense_4", "dense", "ToVoxelGrid", n_time_bins=4)
    other("voxel_bigt_5", "big_t", "ToVoxelGrid", n_time_bins=5)
    return c


def run(T, case, events, sensor):
    p = dict(case["params"])
    kind = case["transform"]
    if kind == "ToFrame":
        return T.ToFrame(sensor_size=sensor, **p)(events)
    if kind == "Denoise":
        return T.Denoise(**p)(events)
    if kind == "RefractoryPeriod":
        return T.RefractoryPeriod(**p)(events)
    if kind == "Downsample":
        if "spatial_factor" in p and isinstance(p["spatial_factor"], list):
            p["spatial_factor"] = tuple(p["spatial_factor"])
        for k in ("sensor_size", "target_size"):
            if k in p:
                p[k] = tuple(p[k])
        return T.Downsample(**p)(events)
    if kind == "CropTime":
        return T.CropTime(**p)(events)
    if kind == "ToVoxelGrid":
        return T.ToVoxelGrid(sensor_size=sensor, **p)(events)
    raise ValueError(kind)


def synthetic_nmnist(path):
    """A small N-MNIST .bin file of our own: 300 events on 34 x 34, one timestamp-overflow record."""
    rng = np.random.RandomState(99)
    n = 300
    t = np.sort(rng.randint(0, 1000000, n))
    x = rng.randint(0, 34, n)
    y = rng.randint(0, 34, n)
    p = rng.randint(0, 2, n)
    rec = np.zeros((n + 1, 5), dtype=np.uint8)
    k = n // 2  # overflow marker (y = 240) in the middle: tonic adds 2^13 to everything after it
    rows = list(range(k)) + [None] + list(range(k, n))
    for i, j in enumerate(rows):
        if j is None:
            rec[i] = [0, 240, 0, 0, 0]
        else:
            rec[i] = [x[j], y[j], (p[j] << 7) | (t[j] >> 16), (t[j] >> 8) & 0xFF, t[j] & 0xFF]
    with open(path, "wb") as f:
        f.write(rec.tobytes())


def file_cases(tonic, out):
    """tonic's N-MNIST reader on a file we generate, and ToFrame on what it read."""
    path = os.path.join(out, "nmnist_synth.bin")
    synthetic_nmnist(path)
    dtype = np.dtype([("x", int), ("y", int), ("t", int), ("p", int)])  # tonic.datasets.NMNIST's dtype
    events = tonic.io.read_mnist_file(path, dtype=dtype)
    entries = []
    np.save(os.path.join(out, "nmnist_read.npy"), unstructured(events))
    entries.append({"name": "nmnist_read", "file": "nmnist_synth.bin", "transform": "read", "params": {},
                    "sensor": [34, 34, 2], "no_y": False})
    for name, kw in (("nmnist_frames_tw400000", {"time_window": 400000}),
                     ("nmnist_frames_ntb3", {"n_time_bins": 3}),
                     ("nmnist_frames_ec128_ov32_incl", {"event_count": 128, "overlap": 32, "include_incomplete": True})):
        frames = tonic.transforms.ToFrame(sensor_size=(34, 34, 2), **kw)(events.copy())
        np.save(os.path.join(out, name + ".npy"), frames)
        entries.append({"name": name, "file": "nmnist_synth.bin", "transform": "ToFrame", "params": kw,
                        "sensor": [34, 34, 2], "no_y": False})
    for e in entries:
        a = np.load(os.path.join(out, e["name"] + ".npy"))
        e["output_dtype"] = str(a.dtype)
        e["output_shape"] = list(a.shape)
    return entries


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--out", default=os.path.join(root, "snn4j-data", "src", "test", "resources", "tonic"))
    args = ap.parse_args()
    try:
        tonic, stubbed = import_tonic()
    except Exception as e:  # noqa: BLE001
        print("tonic is not importable (put a tonic source tree on PYTHONPATH): %s" % e, file=sys.stderr)
        return 3
    T = tonic.transforms
    os.makedirs(args.out, exist_ok=True)
    ins = inputs()
    for name, (rows, sensor, noy) in ins.items():
        np.save(os.path.join(args.out, "in_%s.npy" % name), np.asarray(rows, dtype=np.int64).reshape(-1, 4))
    manifest = []
    for case in cases():
        rows, sensor, noy = ins[case["input"]]
        events = structured(rows, noy)
        out = run(T, case, events.copy(), sensor)
        if out.dtype.names is not None:
            out = unstructured(out)
        np.save(os.path.join(args.out, case["name"] + ".npy"), out)
        entry = dict(case)
        entry["sensor"] = list(sensor)
        entry["no_y"] = noy
        entry["output_dtype"] = str(out.dtype)
        entry["output_shape"] = list(out.shape)
        manifest.append(entry)
    manifest += file_cases(tonic, args.out)
    with open(os.path.join(args.out, "cases.json"), "w") as f:
        json.dump({"generated_by": "benchmarks/peers/tonic_goldens.py",
                   "numpy": np.__version__,
                   "stubbed_modules": stubbed,
                   "cases": manifest}, f, indent=1)
        f.write("\n")
    print("wrote %d cases and %d inputs to %s (stubbed: %s)" % (len(manifest), len(ins), args.out,
                                                                 ", ".join(stubbed) or "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
