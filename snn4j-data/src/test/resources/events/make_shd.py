"""Writes shd_small.h5, a tiny file in the layout of the Spiking Heidelberg Digits (run: python3 make_shd.py).

The layout is SHD's (Cramer et al. 2020, as h5py shows the published shd_train.h5): spikes/times and
spikes/units are one variable-length array per sample (float16 seconds and uint16 channels), labels uint8,
extra/speaker uint8, extra/keys byte strings, extra/meta_info/{gender, age, body_height}. jHDF cannot write
variable-length datasets, so this file is made with h5py; ShdFileTest checks the values listed here.
"""
import h5py
import numpy as np

times = [np.array([0.001, 0.0025, 0.5], dtype=np.float16),
         np.array([], dtype=np.float16),
         np.array([0.1, 0.1, 0.75], dtype=np.float16)]
units = [np.array([3, 699, 0], dtype=np.uint16),
         np.array([], dtype=np.uint16),
         np.array([5, 6, 650], dtype=np.uint16)]
with h5py.File("shd_small.h5", "w", libver="latest") as f:
    g = f.create_group("spikes")
    t = g.create_dataset("times", (3,), dtype=h5py.vlen_dtype(np.dtype("float16")))
    u = g.create_dataset("units", (3,), dtype=h5py.vlen_dtype(np.dtype("uint16")))
    for i in range(3):
        t[i] = times[i]
        u[i] = units[i]
    f.create_dataset("labels", data=np.array([1, 0, 19], dtype=np.uint8))
    e = f.create_group("extra")
    e.create_dataset("speaker", data=np.array([2, 3, 4], dtype=np.uint8))
    e.create_dataset("keys", data=np.array([b"english-zero", b"english-one"], dtype="S12"))
    m = e.create_group("meta_info")
    m.create_dataset("gender", data=np.array([b"female", b"male"], dtype="S6"))
    m.create_dataset("age", data=np.array([25, 30], dtype=np.uint8))
    m.create_dataset("body_height", data=np.array([170, 180], dtype=np.uint8))

# what tonic's HSD dataset returns for these samples (times * 1e6 in float32, truncated), for the test
for i in range(3):
    print(i, (times[i] * 1e6).astype(np.int64).tolist(), units[i].tolist())
