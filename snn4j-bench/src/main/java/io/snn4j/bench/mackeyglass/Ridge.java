package io.snn4j.bench.mackeyglass;

/**
 * Ridge regression for one output, float64: solves the normal equations {@code (X'X + lambda I) w = X'y} by a
 * Cholesky factorisation. NeuroBench's ESN hands the same matrix {@code X'X + lambda I} to {@code torch.linalg.lstsq}
 * (driver gelsd, an SVD-based solver); for a positive {@code lambda} the matrix is symmetric positive definite and
 * both solve the same system (they differ only by rounding in directions the data barely determine).
 */
final class Ridge {
    private Ridge() {
    }

    /**
     * @param rows    samples, each a feature vector of the same length
     * @param targets one target per sample
     * @param lambda  ridge parameter, >= 0 (0 only works when X'X is positive definite)
     * @return the weights, one per feature
     * @throws ArithmeticException if the normal matrix is not positive definite (lambda too small)
     */
    static double[] fit(double[][] rows, double[] targets, double lambda) {
        if (rows.length != targets.length || rows.length == 0) {
            throw new IllegalArgumentException("ridge regression needs as many targets as samples (>= 1), got "
                    + targets.length + " and " + rows.length);
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("ridge parameter must be >= 0, got " + lambda);
        }
        int f = rows[0].length;
        double[][] a = new double[f][f];
        double[] b = new double[f];
        for (int s = 0; s < rows.length; s++) {
            double[] x = rows[s];
            if (x.length != f) {
                throw new IllegalArgumentException("sample " + s + " has " + x.length + " features, expected " + f);
            }
            double y = targets[s];
            for (int i = 0; i < f; i++) {
                double xi = x[i];
                if (xi == 0) {
                    continue;
                }
                double[] ai = a[i];
                for (int j = 0; j <= i; j++) {
                    ai[j] += xi * x[j];
                }
                b[i] += xi * y;
            }
        }
        for (int i = 0; i < f; i++) {
            a[i][i] += lambda;
        }
        return choleskySolve(a, b);
    }

    /** Solves {@code a x = b} for symmetric positive definite {@code a} (lower triangle used; both destroyed). */
    static double[] choleskySolve(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double[] aj = a[j];
            double d = aj[j];
            for (int k = 0; k < j; k++) {
                d -= aj[k] * aj[k];
            }
            if (!(d > 0)) {
                throw new ArithmeticException("ridge regression: the normal matrix is not positive definite (pivot "
                        + j + " is " + d + "); increase the ridge parameter");
            }
            double ljj = Math.sqrt(d);
            aj[j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double[] ai = a[i];
                double s = ai[j];
                for (int k = 0; k < j; k++) {
                    s -= ai[k] * aj[k];
                }
                ai[j] = s / ljj;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] ai = a[i];
            for (int k = 0; k < i; k++) {
                s -= ai[k] * y[k];
            }
            y[i] = s / ai[i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k][i] * x[k];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }
}
