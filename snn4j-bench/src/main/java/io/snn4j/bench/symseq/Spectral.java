package io.snn4j.bench.symseq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spectral radius (Perron root) of a non-negative 0/1 matrix, for topological entropies.
 *
 * <p>Method: the matrix is split into its strongly connected components (Tarjan); the spectral radius is the
 * largest radius of a component. A component with at least one internal edge is irreducible, so {@code B = A + I}
 * restricted to it is primitive and its Perron root is {@code rho(A) + 1}. Power iteration on {@code B} brackets
 * that root between the Collatz-Wielandt bounds {@code min_i (Bx)_i / x_i <= rho(B) <= max_i (Bx)_i / x_i} (valid
 * for every positive {@code x}), and stops when the bounds agree to 1e-14 relative. A component without internal
 * edges (one node, no self-loop) has radius 0.
 *
 * <p>For such matrices this is the eigenvalue NumPy's {@code np.real(np.max(np.linalg.eigvals(A)))} returns (the
 * Perron root has the largest real part of all eigenvalues), which is what SymSeq takes.
 */
final class Spectral {
    private static final int MAX_ITERATIONS = 1_000_000;

    private Spectral() {
    }

    /** Spectral radius of the 0/1 (or any non-negative) square matrix {@code a}, entries > 0 counting as edges. */
    static double radiusOfMatrix(int[][] a) {
        int n = a.length;
        int[][] succ = new int[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a[i].length
                        + " entries, expected " + n);
            }
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (a[i][j] < 0) {
                    throw new IllegalArgumentException("matrix entry [" + i + "][" + j + "] = " + a[i][j]
                            + " is negative; expected a 0/1 matrix");
                }
                if (a[i][j] > 0) {
                    c++;
                }
            }
            succ[i] = new int[c];
            c = 0;
            for (int j = 0; j < n; j++) {
                if (a[i][j] > 0) {
                    succ[i][c++] = j;
                }
            }
        }
        return radiusOfLists(succ);
    }

    /** Spectral radius of the 0/1 matrix given as successor lists ({@code succ[i]}: columns j with a[i][j] = 1). */
    static double radiusOfLists(int[][] succ) {
        int n = succ.length;
        int[] comp = components(succ);
        int nc = 0;
        for (int c : comp) {
            nc = Math.max(nc, c + 1);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(comp[i]).add(i);
        }
        double best = 0;
        int[] local = new int[n];
        for (List<Integer> m : members) {
            int k = m.size();
            for (int i = 0; i < k; i++) {
                local[m.get(i)] = i;
            }
            int[][] sub = new int[k][];
            boolean anyEdge = false;
            for (int i = 0; i < k; i++) {
                int g = m.get(i);
                int cnt = 0;
                for (int j : succ[g]) {
                    if (comp[j] == comp[g]) {
                        cnt++;
                    }
                }
                sub[i] = new int[cnt];
                cnt = 0;
                for (int j : succ[g]) {
                    if (comp[j] == comp[g]) {
                        sub[i][cnt++] = local[j];
                    }
                }
                anyEdge |= cnt > 0;
            }
            if (anyEdge) {
                best = Math.max(best, irreducibleRadius(sub));
            }
        }
        return best;
    }

    /** Perron root of an irreducible 0/1 matrix by power iteration on A + I with Collatz-Wielandt bounds. */
    private static double irreducibleRadius(int[][] succ) {
        int n = succ.length;
        double[] x = new double[n];
        double[] y = new double[n];
        Arrays.fill(x, 1.0);
        double lo = 0;
        double hi = Double.MAX_VALUE;
        double bestWidth = Double.MAX_VALUE;
        int sinceBest = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            // y = (A + I) x, with (A x)_i = sum_j a[i][j] x_j
            double max = 0;
            lo = Double.MAX_VALUE;
            hi = 0;
            for (int i = 0; i < n; i++) {
                double s = x[i];
                for (int j : succ[i]) {
                    s += x[j];
                }
                y[i] = s;
                double r = s / x[i];
                lo = Math.min(lo, r);
                hi = Math.max(hi, r);
                max = Math.max(max, s);
            }
            double width = hi - lo;
            if (width <= 1e-14 * hi) {
                break;
            }
            // rounding can keep the bounds from meeting: stop when they have not narrowed for a long while
            if (width < bestWidth) {
                bestWidth = width;
                sinceBest = 0;
            } else if (++sinceBest > 10_000) {
                break;
            }
            for (int i = 0; i < n; i++) {
                x[i] = y[i] / max;
            }
        }
        return 0.5 * (lo + hi) - 1.0;
    }

    /** Strongly connected component index of every node (iterative Tarjan). */
    static int[] components(int[][] succ) {
        int n = succ.length;
        int[] index = new int[n];
        int[] low = new int[n];
        int[] comp = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int counter = 0;
        int nComp = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < succ[v].length) {
                    int w = succ[v][callEdge[depth]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack[w] = false;
                            comp[w] = nComp;
                        } while (w != v);
                        nComp++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int u = callNode[depth];
                        low[u] = Math.min(low[u], low[v]);
                    }
                }
            }
        }
        return comp;
    }

    /** Number of strongly connected components. */
    static int componentCount(int[][] succ) {
        int m = 0;
        for (int c : components(succ)) {
            m = Math.max(m, c + 1);
        }
        return m;
    }
}
