"""Writes the small .npy test fixtures in this folder with NumPy (run: python3 make_fixtures.py).

Each file is < 2 KB; NpyTest checks the values listed here, so change both together.
"""
import numpy as np

def save(name, a, version=None):
    with open(name, "wb") as f:
        np.lib.format.write_array(f, a, version=version, allow_pickle=True)

save("f4.npy", np.array([[0.5, -1.25, 0.1], [np.inf, np.nan, -0.0]], dtype="<f4"))
save("f8.npy", np.array([0.1, -2.5, 1e300, 3.0], dtype="<f8"))
save("i1.npy", np.array([-128, -1, 0, 127], dtype="i1"))
save("u1.npy", np.arange(0, 256, 51, dtype="u1").reshape(2, 3))
save("b1.npy", np.array([True, False, True]))
save("i2.npy", np.array([-32768, -1, 0, 32767], dtype="<i2"))
save("i4.npy", np.array([[-2147483648, 2147483647], [1, -1]], dtype="<i4"))
save("i8.npy", np.array([-(2**63), 2**63 - 1, 0, 9007199254740993], dtype="<i8"))
save("be_f4.npy", np.array([1.5, -2.0, 0.1], dtype=">f4"))
save("be_f8.npy", np.array([1.5, -2.0, 0.1], dtype=">f8"))
save("be_i4.npy", np.array([1, -2, 70000], dtype=">i4"))
save("scalar.npy", np.array(3.5, dtype="<f4"))
save("empty.npy", np.zeros((0, 3), dtype="<f4"))
save("rank4.npy", np.arange(4, dtype="<f4").reshape(2, 1, 2, 1))
# NumPy leaves room after the shape for the first axis to grow; here that room crosses a 64-byte boundary
save("growth.npy", np.zeros((1,) + tuple(range(13)), dtype="<f4"))
save("u1_1000.npy", (np.arange(1000) % 256).astype("u1"))
save("v2.npy", np.arange(6, dtype="<f4").reshape(3, 2), version=(2, 0))
save("v3.npy", np.arange(6, dtype="<f4").reshape(3, 2), version=(3, 0))
save("fortran.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
save("object.npy", np.array([1, "a", None], dtype=object))
save("strings.npy", np.array(["ab", "c"]))
save("complex.npy", np.array([1 + 2j], dtype="<c8"))
# DVS Gesture as tonic ships it: a plain 2-d array, columns x, y, p, t (ms)
save("dvs_like.npy", np.array([[10, 20, 1, 0], [11, 21, 0, 5], [127, 0, 1, 17]], dtype="<f8"))
# events as tonic holds them in memory (np.save of a structured array)
ev = np.dtype([("x", "<i2"), ("y", "<i2"), ("p", "?"), ("t", "<i8")])
events = np.array([(1, 2, True, 1000), (3, 4, False, 2000), (-5, 127, True, 2**40)], dtype=ev)
save("events.npy", events)
save("events_aligned.npy", events.astype(np.dtype(ev.descr, align=True)))
save("events_big.npy", events.astype([("x", ">i2"), ("y", ">i2"), ("p", "?"), ("t", ">i8")]))
# a non-Latin-1 field name makes np.save choose format 3.0 (UTF-8 header) by itself
np.save("events_utf8.npy", np.array([(1.5, 7)], dtype=[("\u03c0", "<f4"), ("n", "<i4")]))
save("subarray.npy", np.zeros(2, dtype=[("xy", "<f4", (2,))]))
