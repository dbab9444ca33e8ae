#!/usr/bin/env python3
"""Reads NIR files written by snn4j with NIR's own reader and checks what it finds.

DIR holds .nir files and expected.json, both written by snn4j's test program `io.snn4j.nir.PeerCheckFiles`
(run by `NirPeerReaderTest`). For every file listed there this script calls `nir.read(path, type_check=...)`:
NIR's reader passes every dataset of a node to the node's constructor (so a field it does not know fails), and
with type_check on (the default, used unless expected.json says the graph's shapes disagree) it runs NIR's type
inference and checks every edge. Then it compares, node by node and recursively through subgraphs:
  - the node names and types, and the edges in order;
  - every array field: NumPy dtype, shape and values (exactly; a sum for arrays of more than 4096 values);
  - integer settings (input_shape, stride, padding, dilation, groups, kernel_size, start_dim, end_dim) and
    Input/Output/Flatten shapes;
  - the input and output shapes snn4j inferred against NIR's input_type / output_type where NIR defines them;
  - metadata (strings, numbers, arrays, lists of strings, nested dicts).

Prints one line per file ("ok" or "FAIL" with the reasons) and a summary:
  nir_read_check: N files read by NIR <version>, M failed

Run: PYTHONPATH=/path/to/NIR /usr/bin/python3 benchmarks/peers/nir_read_check.py DIR
(NIR run from a source checkout has no `nir.version`; the script does not need it.)
Exit codes: 0 every file matched, 1 some file did not, 2 bad arguments, 3 numpy, h5py or NIR not importable.
"""
import json
import math
import os
import sys


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or not os.path.isfile(os.path.join(argv[0], "expected.json")):
        print("usage: nir_read_check.py DIR (a folder with expected.json and the .nir files it lists)", file=sys.stderr)
        return 2
    try:
        import numpy as np  # noqa: F401
        import h5py  # noqa: F401
        import nir
    except ImportError as e:  # pragma: no cover - depends on the machine
        print("nir_read_check: cannot import numpy, h5py or nir (%s); install python3-numpy and python3-h5py and put "
              "NIR's source on PYTHONPATH" % e, file=sys.stderr)
        return 3
    folder = argv[0]
    with open(os.path.join(folder, "expected.json")) as f:
        expected = json.load(f)
    version = getattr(nir, "version", None) or getattr(nir, "__version__", None) or "(source checkout)"
    failed = 0
    for entry in expected["files"]:
        path = os.path.join(folder, entry["file"])
        problems = []
        try:
            graph = nir.read(path, type_check=entry["type_check"])
        except Exception as e:  # NIR raises whatever its constructors raise
            problems.append("nir.read failed: %s: %s" % (type(e).__name__, e))
            graph = None
        if graph is not None:
            if type(graph).__name__ != "NIRGraph":
                problems.append("read a %s, expected a NIRGraph" % type(graph).__name__)
            else:
                check_graph(graph, entry["graph"], "", entry["type_check"], problems)
        with h5py_file(path) as h:
            v = h["version"][()] if "version" in h else None
            v = v.decode("utf8") if isinstance(v, bytes) else v
            if v != expected["format_version"]:
                problems.append("version %r, expected %r" % (v, expected["format_version"]))
        note = "" if entry["type_check"] else " (read without NIR's type check: its edge shapes disagree)"
        if problems:
            failed += 1
            print("FAIL %s%s" % (entry["file"], note))
            for p in problems[:20]:
                print("     " + p)
            if len(problems) > 20:
                print("     ... and %d more" % (len(problems) - 20))
        else:
            nodes = count_nodes(entry["graph"])
            print("ok   %s: %d nodes, %d edges%s" % (entry["file"], nodes, len(entry["graph"]["edges"]), note))
    print("nir_read_check: %d files read by NIR %s, %d failed" % (len(expected["files"]), version, failed))
    return 1 if failed else 0


def h5py_file(path):
    import h5py
    return h5py.File(path, "r")


def count_nodes(g):
    return sum(1 + (count_nodes(n["graph"]) if "graph" in n else 0) for n in g["nodes"].values())


def check_graph(graph, exp, prefix, type_check, problems):
    got_names = set(graph.nodes)
    exp_names = set(exp["nodes"])
    if got_names != exp_names:
        problems.append("%snodes %s, expected %s" % (prefix, sorted(got_names), sorted(exp_names)))
    got_edges = [[str(a), str(b)] for a, b in graph.edges]
    if got_edges != exp["edges"]:
        problems.append("%sedges %s, expected %s" % (prefix, got_edges, exp["edges"]))
    check_metadata(graph.metadata, exp["metadata"], prefix + "metadata", problems)
    for name, e in exp["nodes"].items():
        if name not in graph.nodes:
            continue
        check_node(graph.nodes[name], e, prefix + name, type_check, problems)


def check_node(node, e, where, type_check, problems):
    import nir
    import numpy as np
    kind = type(node).__name__
    if kind != e["type"]:
        problems.append("%s: type %s, expected %s" % (where, kind, e["type"]))
        return
    if type_check:
        check_type(io_type(node, "input_type"), e["input_type"], where + " input_type", problems)
        check_type(io_type(node, "output_type"), e["output_type"], where + " output_type", problems)
    if isinstance(node, nir.NIRGraph):
        check_graph(node, e["graph"], where + ".", type_check, problems)
        return
    for field, a in e["arrays"].items():
        v = getattr(node, field, None)
        if v is None:
            problems.append("%s: no field %s" % (where, field))
            continue
        v = np.asarray(v)
        if v.dtype.name != a["dtype"]:
            problems.append("%s.%s: dtype %s, expected %s" % (where, field, v.dtype.name, a["dtype"]))
        if list(v.shape) != a["shape"]:
            problems.append("%s.%s: shape %s, expected %s" % (where, field, list(v.shape), a["shape"]))
            continue
        if "values" in a:
            if not np.array_equal(v.astype(np.float64).reshape(-1), np.array(a["values"], dtype=np.float64)):
                problems.append("%s.%s: values differ" % (where, field))
        elif not math.isclose(float(v.astype(np.float64).sum()), a["sum"], rel_tol=1e-9, abs_tol=1e-9):
            problems.append("%s.%s: sum %r, expected %r" % (where, field, float(v.sum()), a["sum"]))
    for field, want in e["settings"].items():
        v = getattr(node, field, None)
        if field == "padding" and isinstance(want, str):
            got = v.decode("utf8") if isinstance(v, bytes) else v
        else:
            got = None if v is None else [int(x) for x in np.asarray(v).reshape(-1)]
        if got != want:
            problems.append("%s.%s: %r, expected %r" % (where, field, got, want))
    if "shape" in e:
        key = {"Input": ("input_type", "input"), "Output": ("output_type", "output"),
               "Flatten": ("input_type", "input")}[kind]
        got = getattr(node, key[0])[key[1]]
        if got is None or [int(x) for x in np.asarray(got).reshape(-1)] != e["shape"]:
            problems.append("%s: shape %r, expected %r" % (where, got, e["shape"]))
    check_metadata(node.metadata, e["metadata"], where + ".metadata", problems)


def io_type(node, attr):
    """NIR's input_type / output_type of a node as one shape (a graph's dict has one entry per Input/Output)."""
    t = getattr(node, attr, None)
    if not isinstance(t, dict) or len(t) != 1:
        return None
    return list(t.values())[0]


def check_type(got, want, where, problems):
    import numpy as np
    if got is None or want is None:
        return  # one side could not tell; nothing to compare
    g = [int(x) for x in np.asarray(got).reshape(-1)]
    if g != want:
        problems.append("%s: NIR infers %s, snn4j %s" % (where, g, want))


def check_metadata(got, want, where, problems):
    import numpy as np
    got = got or {}
    if set(got) != set(want):
        problems.append("%s: keys %s, expected %s" % (where, sorted(got), sorted(want)))
        return
    for k, w in want.items():
        v = got[k]
        if isinstance(w, dict) and "array" in w:
            a = w["array"]
            v = np.asarray(v)
            ok = v.dtype.name == a["dtype"] and list(v.shape) == a["shape"] and np.array_equal(
                v.astype(np.float64).reshape(-1), np.array(a["values"], dtype=np.float64))
        elif isinstance(w, dict) and "dict" in w:
            check_metadata(v, w["dict"], where + "." + k, problems)
            continue
        elif isinstance(w, list):
            ok = [x.decode("utf8") if isinstance(x, bytes) else str(x) for x in np.asarray(v).reshape(-1)] == w
        elif isinstance(w, str):
            ok = (v.decode("utf8") if isinstance(v, bytes) else v) == w
        else:
            ok = float(v) == float(w)
        if not ok:
            problems.append("%s.%s: %r, expected %r" % (where, k, v, w))


if __name__ == "__main__":
    sys.exit(main())
