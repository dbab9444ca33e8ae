#!/usr/bin/env python3
"""Computes SymSeq's own values for fixed inputs, as golden values for snn4j-bench's io.snn4j.bench.symseq.

Writes snn4j-bench/src/test/resources/symseq/symseq_expected.json (or --out) with:
  strings      fixed symbol strings and, per string, SymSeq's entropy (with and without the Miller-Madow
               correction), block entropies, entropy rates (incremental and normalized), excess entropy (emc),
               gzip compressibility, LZW complexity and the lift topological entropy
  grammars     every preset of symseq.grammars.ag.presets (and the default n-AX grammar): the transitions after
               SymSeq's parsing (EOS transitions added to terminal states, normalised), the binary transition
               table with the EOS -> start correction, its direct topological entropy, and SymSeq's
               is_grammatical on a few strings
  matrices     binary matrices and numpy's ln(max real eigenvalue), the direct topological entropy
  dyck         DyckGenerator._is_valid_dyck / _check_max_depth on fixed token lists
  nback        NBack.label_sequence / label_sequence_multiclass / _compute_intended_counts
  tasks        symseq.tasks targets: memory_targets, prediction_targets, grammaticality_classification
snn4j-bench's SymSeqGoldenTest compares snn4j's implementation with every value.

SymSeq is not a dependency of the project: run this with a SymSeq source tree on PYTHONPATH, e.g.
  git clone https://github.com/symseqbench/SymSeq /tmp/SymSeq
  PYTHONPATH=/tmp/SymSeq/src /usr/bin/python3 benchmarks/peers/symseq_goldens.py
It needs NumPy and SciPy. SymSeq's modules import networkx, pandas, scikit-learn, joblib, nltk and more_itertools
at module level; the ones that are not installed are replaced by stub modules before symseq is imported. The
functions used here do not call them (a stub raises if anything does), except pandas.DataFrame in
chunk_transitions, which only wraps the numpy matrix for display, and networkx.DiGraph, which nAX builds for
plotting: they get inert stand-ins. Random generation is not compared: NumPy's
random streams cannot be reproduced in Java. The strings below come from fixed NumPy seeds and are stored in the
JSON, so the Java test needs no random numbers. Two runs give the same file except for the last digits of the lift
entropies (ARPACK starts from a random vector), which the test's tolerance covers.
Exit codes: 0 done, 3 symseq not importable.
"""
import argparse
import json
import os
import sys
import types
import warnings

import numpy as np


class _Missing:
    def __init__(self, name):
        self._name = name

    def __call__(self, *a, **k):
        raise ImportError("stubbed module used: " + self._name)

    def __getattr__(self, a):
        return _Missing(self._name + "." + a)

    def __mro_entries__(self, bases):
        return (object,)

    def __or__(self, other):  # type hints such as nx.DiGraph | None
        return self

    __ror__ = __or__


def import_symseq():
    """Imports the symseq modules used here, stubbing missing third-party modules. Returns the stubbed names."""
    stubbed = []
    for _ in range(40):
        try:
            import symseq.grammars.ag  # noqa: F401
            import symseq.grammars.dyck  # noqa: F401
            import symseq.grammars.nax  # noqa: F401
            import symseq.grammars.nback  # noqa: F401
            import symseq.metrics  # noqa: F401
            import symseq.tasks  # noqa: F401
            return stubbed
        except ModuleNotFoundError as e:
            name = e.name
            if name is None or name.startswith("symseq") or name in stubbed:
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
                if k == "symseq" or k.startswith("symseq."):
                    del sys.modules[k]
    raise ImportError("could not import symseq")


def fixed_strings(ag_cls, presets, concatenate):
    """The test strings: short hand-made ones and longer ones from fixed NumPy seeds."""
    s = {}
    s["abab"] = list("AB" * 50)
    s["const"] = list("A" * 20)
    s["short"] = list("ABCAB")
    s["pair"] = list("AB")
    rng = np.random.default_rng(0)
    s["rand4"] = [str(c) for c in rng.choice(list("ABCD"), 300)]
    # a two-state Markov chain: stay with probability 0.9
    rng = np.random.default_rng(1)
    x, m = "A", []
    for _ in range(600):
        m.append(x)
        if rng.random() > 0.9:
            x = "B" if x == "A" else "A"
    s["markov"] = m
    # Reber (1967) strings joined with '#', as symseq.utils.strtools.concatenate_string_set does
    g = ag_cls(seed=3, build_graph=False, verbose=False, **presets.FSG_G3_C)
    strings = [g.generate_string() for _ in range(250)]
    s["reber"] = concatenate(strings, eos="#")
    # symbols above U+00FF: UTF-8 takes two bytes each in gzip's input
    s["unicode"] = list("λμλμνλμλμνλλμ")
    # multi-character symbols: only entropy is defined on them in SymSeq (blocks are joined as strings)
    s["multi"] = ["A1", "B", "A1", "C", "B", "A1", "A1"]
    return s


def string_metrics(name, seq, m):
    single = all(len(c) == 1 for c in seq)
    r = {"name": name, "symbols": seq,
         "entropy": m.entropy(seq), "entropy_raw": m.entropy(seq, bias_correction=False)}
    if not single:
        return r
    r["block_entropy"] = {str(L): m.block_entropy(seq, L) for L in range(1, 6)}
    r["block_entropy_corrected"] = {str(L): m.block_entropy(seq, L, bias_correction=True) for L in (1, 2, 3)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r["entropy_rate"] = {str(k): float(m.entropy_rate(seq, k)) for k in (1, 2, 3, 4, 5, 6, 8)}
        r["entropy_rate_normalized"] = {str(k): float(m.entropy_rate(seq, k, method="normalized"))
                                        for k in (1, 2, 3, 4, 6)}
        emc_v, h_mu = m.emc(seq, 6)
        r["emc6"] = [float(emc_v), float(h_mu)]
        emc_v, h_mu = m.emc(seq, 3)
        r["emc3"] = [float(emc_v), float(h_mu)]
    r["compressibility"] = m.compressibility(seq)
    if all(ord(c) < 256 for c in seq):
        r["lzw"] = m.lzw_complexity(seq)
        r["lzw_raw"] = m.lzw_complexity(seq, normalized=False)
    if len(seq) >= 50:
        lift, te, tes = m.topological_entropy(sequence=seq, max_lift=15, method="lift", verbose=False)
        if np.isfinite(te):
            r["te_lift"] = {"lift": int(lift), "te": float(te), "te_list": [float(v) for v in tes]}
    return r


def grammar_case(key, g, m, probes):
    table = g.get_transition_table(verbose=False)  # target x source, EOS included
    names = [s.tostring() for s in g.states]
    trans = []
    for j, src in enumerate(names):
        for i, tgt in enumerate(names):
            if table[i, j] != 0:
                trans.append([src, tgt, float(table[i, j])])
    binary = g.get_binary_transition_table(verbose=False)
    te = m.topological_entropy(transitions=binary, method="direct", verbose=False)
    return {"preset": key, "label": g.label, "states": names,
            "start_states": [s.tostring() for s in g.start_states],
            "terminal_states": [s.tostring() for s in g.terminal_states],
            "transitions": trans,
            "binary_corrected": binary.T.astype(int).tolist(),  # source x target
            "te_direct": float(te),
            "symseq_is_grammatical": [[p, bool(g.is_grammatical(p))] for p in probes]}


def probes_for(g, rng_seed):
    """Strings to check with SymSeq's is_grammatical: generated ones, their prefixes and one-symbol changes."""
    rng = np.random.default_rng(rng_seed)
    out = []
    for _ in range(4):
        s = g.generate_string(min_length=2)
        out.append(s)
        out.append(s + [g.eos])
        out.append(s[: max(1, len(s) // 2)])
        t = list(s)
        i = int(rng.integers(len(t)))
        t[i] = str(rng.choice([a for a in g.alphabet if a != t[i]]))
        out.append(t)
        out.append(t + [g.eos])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "snn4j-bench", "src", "test", "resources",
                                                  "symseq", "symseq_expected.json"))
    args = ap.parse_args()
    try:
        stubbed = import_symseq()
    except Exception as e:  # noqa: BLE001
        print("symseq is not importable (put its src/ on PYTHONPATH): %s" % e, file=sys.stderr)
        return 3
    import logging
    logging.disable(logging.CRITICAL)
    import symseq.metrics as m
    import symseq.utils.strtools as strtools
    if "pandas" in stubbed:
        # chunk_transitions (the lift method) builds a DataFrame it only prints or returns on request; with pandas
        # stubbed it gets an inert stand-in (its numpy result is unchanged)
        strtools.pd = types.SimpleNamespace(DataFrame=lambda *a, **k: None)
    from symseq.grammars.ag import ArtificialGrammar, presets
    from symseq.grammars.dyck import DyckGenerator
    from symseq.grammars.nax import nAX
    from symseq.grammars.nback import NBack
    from symseq.tasks import grammaticality_classification, memory_targets, prediction_targets
    from symseq.utils.strtools import concatenate_string_set

    out = {"source": "SymSeq (github.com/symseqbench/SymSeq), symseq " + __import__("symseq").__version__,
           "stubbed_modules": stubbed, "numpy": np.__version__}

    strings = fixed_strings(ArtificialGrammar, presets, concatenate_string_set)
    out["strings"] = [string_metrics(k, v, m) for k, v in strings.items()]

    grammars = []
    keys = ["Elman", "FSG_G1_A", "FSG_G2_B", "FSG_G3_C", "FSG_G4_D", "FSG_G5_E", "FSG_G6_F", "FSG_G7_G",
            "FSG_G8_H", "FSG_G9_I", "FSG_G10_J", "Markov_1st_Order", "Markov_2nd_Order"]
    for n, key in enumerate(keys):
        g = ArtificialGrammar(seed=10 + n, build_graph=False, verbose=False, **getattr(presets, key))
        grammars.append(grammar_case(key, g, m, probes_for(g, 100 + n)))
    if "networkx" in stubbed:
        # nAX always builds the networkx graph (used for plotting and path enumeration, not here)
        ArtificialGrammar.create_graph = lambda self: None
    g = nAX(seed=5)
    case = grammar_case("nAX", g, m, probes_for(g, 99))
    case["label_trial"] = [[t, list(g.label_trial(t))] for t in
                           [["1", "A", "X"], ["1", "A", "C", "Y"], ["2", "B", "D", "Z", "Y"], ["2", "B", "X"],
                            ["1", "B", "X"], ["1", "A"]]]
    grammars.append(case)
    out["grammars"] = grammars

    mats = []
    rng = np.random.default_rng(7)
    for n, p in [(3, 0.5), (5, 0.3), (8, 0.25), (12, 0.2), (20, 0.15), (30, 0.1)]:
        while True:
            a = (rng.random((n, n)) < p).astype(int)
            v = np.linalg.eigvals(a)
            if np.real(np.max(v)) > 0.5:
                break
        mats.append(a)
    mats.append(np.roll(np.eye(6, dtype=int), 1, axis=1))  # a 6-cycle: period 6, radius 1
    blk = np.zeros((6, 6), dtype=int)  # reducible: a 2-cycle feeding a complete 3-graph with loops
    blk[0, 1] = blk[1, 0] = blk[1, 2] = 1
    blk[2:5, 2:5] = 1
    blk[5, 5] = 1
    mats.append(blk)
    out["matrices"] = [{"matrix": a.tolist(),
                        "te_direct": float(m.topological_entropy(transitions=a, method="direct", verbose=False))}
                       for a in mats]

    dy = DyckGenerator(k=2, mode="stack", max_depth=2, rng=np.random.default_rng(0))
    tokens = [list("aA"), list("abBA"), list("abAB"), list("aAbB"), list("a0A1"), list("aabbBBAA"),
              list("aabBAA"), list("A"), list("a"), [], list("aA)"), list("ab1BA0"), list("aaaAAA")]
    out["dyck"] = {"k": 2, "max_depth": 2, "distractors": dy.distractors, "alphabet": dy.alphabet,
                   "catalan": dy._catalans(12),
                   "cases": [[t, bool(dy._is_valid_dyck(t)), bool(dy._check_max_depth(t))] for t in tokens]}

    nb = NBack(n=2, seq_length=30, alphabet_size=8, p_match=0.3, lure_offsets=(-1, 1), p_lure=0.1, seed=0)
    seq = [str(c) for c in "01013313245525670667712072274"]
    nm, nl = nb._compute_intended_counts(30)
    nb3 = NBack(n=3, seq_length=40, alphabet_size=5, p_match=0.25, seed=0)
    out["nback"] = {"n": 2, "lure_offsets": [-1, 1], "sequence": seq,
                    "labels": nb.label_sequence(seq).tolist(),
                    "labels_multiclass": nb.label_sequence_multiclass(seq).tolist(),
                    "intended": {"length": 30, "p_match": 0.3, "p_lure": 0.1, "match": nm,
                                 "lure": {str(k): v for k, v in nl.items()}},
                    "intended3": {"length": 40, "p_match": 0.25, "match": nb3._compute_intended_counts(40)[0]}}

    seq = list("ABCDEFG")
    stream = list("TPS#VXVS#TTS")
    gout, gacc = grammaticality_classification(stream, [True, False, True], eos="#")
    out["tasks"] = {"sequence": seq,
                    "memory": {str(n + 1): memory_targets(seq, n)[0] for n in range(3)},
                    "prediction": {str(n + 1): prediction_targets(seq, n)[0] for n in range(3)},
                    "grammaticality": {"sequence": stream, "grammatical": [True, False, True],
                                       "output": gout, "accept": gacc}}

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print("wrote %s (%d strings, %d grammars, %d matrices)" % (args.out, len(out["strings"]), len(grammars),
                                                                len(mats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
