package io.snn4j.bench.mackeyglass;

/**
 * Eigenvalues of a dense real (non-symmetric) matrix, float64: Householder reduction to upper Hessenberg form,
 * then the Francis double-shift QR iteration with deflation from the bottom (the classical EISPACK
 * {@code orthes} + {@code hqr} scheme, eigenvalues only, no balancing). Cost about 10 n^3 flops.
 *
 * <p>Used for the echo state network's spectral radius. Order of the eigenvalues: as they deflate, i.e. the
 * positions on the diagonal of the final quasi-triangular form; callers should not rely on it.
 */
public final class Eigenvalues {
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_ITERATIONS_PER_EIGENVALUE = 100;

    private final double[] re;
    private final double[] im;

    private Eigenvalues(double[] re, double[] im) {
        this.re = re;
        this.im = im;
    }

    /** Real parts, one per eigenvalue (complex pairs adjacent, positive imaginary part first). */
    public double[] real() {
        return re.clone();
    }

    /** Imaginary parts. */
    public double[] imaginary() {
        return im.clone();
    }

    /** The largest modulus, max |lambda|. */
    public double spectralRadius() {
        double r = 0;
        for (int i = 0; i < re.length; i++) {
            r = Math.max(r, Math.hypot(re[i], im[i]));
        }
        return r;
    }

    /**
     * The eigenvalues of the square matrix {@code a} ({@code a[row][col]}; not modified).
     *
     * @throws IllegalArgumentException if {@code a} is not square or holds a non-finite value
     * @throws ArithmeticException      if the QR iteration does not converge
     */
    public static Eigenvalues of(double[][] a) {
        int n = a.length;
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix must be square, row " + i + " has " + a[i].length
                        + " columns for " + n + " rows");
            }
            for (double v : a[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("matrix holds a non-finite value in row " + i);
                }
            }
            h[i] = a[i].clone();
        }
        if (n == 0) {
            return new Eigenvalues(new double[0], new double[0]);
        }
        hessenberg(h);
        double[] re = new double[n];
        double[] im = new double[n];
        qr(h, re, im);
        return new Eigenvalues(re, im);
    }

    /** Reduces {@code h} in place to upper Hessenberg form by Householder similarity transforms. */
    static void hessenberg(double[][] h) {
        int n = h.length;
        double[] u = new double[n];
        double[] f = new double[n];
        for (int m = 1; m < n - 1; m++) {
            double scale = 0;
            for (int i = m; i < n; i++) {
                scale += Math.abs(h[i][m - 1]);
            }
            if (scale == 0) {
                continue;
            }
            double norm2 = 0;
            for (int i = m; i < n; i++) {
                u[i] = h[i][m - 1] / scale;
                norm2 += u[i] * u[i];
            }
            double g = Math.sqrt(norm2);
            if (u[m] > 0) {
                g = -g;
            }
            double hh = norm2 - u[m] * g; // u'u / 2 after u[m] -= g
            u[m] -= g;
            // H = (I - u u'/hh) H: f[j] = u' H[:, j] / hh over rows m..n-1, columns m-1..n-1 (row-wise sweep)
            java.util.Arrays.fill(f, m - 1, n, 0);
            for (int i = m; i < n; i++) {
                double ui = u[i];
                double[] row = h[i];
                for (int j = m - 1; j < n; j++) {
                    f[j] += ui * row[j];
                }
            }
            for (int j = m - 1; j < n; j++) {
                f[j] /= hh;
            }
            for (int i = m; i < n; i++) {
                double ui = u[i];
                double[] row = h[i];
                for (int j = m - 1; j < n; j++) {
                    row[j] -= f[j] * ui;
                }
            }
            // H = H (I - u u'/hh): every row
            for (int i = 0; i < n; i++) {
                double[] row = h[i];
                double s = 0;
                for (int j = m; j < n; j++) {
                    s += u[j] * row[j];
                }
                s /= hh;
                for (int j = m; j < n; j++) {
                    row[j] -= s * u[j];
                }
            }
            for (int i = m + 1; i < n; i++) {
                h[i][m - 1] = 0;
            }
        }
    }

    /** Francis double-shift QR on the Hessenberg matrix {@code h} (destroyed); eigenvalues into re/im. */
    static void qr(double[][] h, double[] re, double[] im) {
        int size = h.length;
        int low = 0;
        int n = size - 1;
        double exshift = 0;
        double p = 0;
        double q = 0;
        double r = 0;
        double s;
        double z = 0;
        double w;
        double x;
        double y;
        double norm = 0;
        for (int i = 0; i < size; i++) {
            for (int j = Math.max(i - 1, 0); j < size; j++) {
                norm += Math.abs(h[i][j]);
            }
        }
        int iter = 0;
        while (n >= low) {
            int l = n;
            while (l > low) {
                s = Math.abs(h[l - 1][l - 1]) + Math.abs(h[l][l]);
                if (s == 0) {
                    s = norm;
                }
                if (Math.abs(h[l][l - 1]) < EPS * s) {
                    break;
                }
                l--;
            }
            if (l == n) {
                re[n] = h[n][n] + exshift;
                im[n] = 0;
                n--;
                iter = 0;
            } else if (l == n - 1) {
                w = h[n][n - 1] * h[n - 1][n];
                p = (h[n - 1][n - 1] - h[n][n]) / 2;
                q = p * p + w;
                z = Math.sqrt(Math.abs(q));
                x = h[n][n] + exshift;
                if (q >= 0) {
                    z = p >= 0 ? p + z : p - z;
                    re[n - 1] = x + z;
                    re[n] = z != 0 ? x - w / z : x + z;
                    im[n - 1] = 0;
                    im[n] = 0;
                } else {
                    re[n - 1] = x + p;
                    re[n] = x + p;
                    im[n - 1] = z;
                    im[n] = -z;
                }
                n -= 2;
                iter = 0;
            } else {
                x = h[n][n];
                y = h[n - 1][n - 1];
                w = h[n][n - 1] * h[n - 1][n];
                if (iter == 10) { // Wilkinson's exceptional shift
                    exshift += x;
                    for (int i = low; i <= n; i++) {
                        h[i][i] -= x;
                    }
                    s = Math.abs(h[n][n - 1]) + Math.abs(h[n - 1][n - 2]);
                    x = 0.75 * s;
                    y = x;
                    w = -0.4375 * s * s;
                }
                if (iter == 30) { // a second exceptional shift, as MATLAB/JAMA
                    s = (y - x) / 2;
                    s = s * s + w;
                    if (s > 0) {
                        s = Math.sqrt(s);
                        if (y < x) {
                            s = -s;
                        }
                        s = x - w / ((y - x) / 2 + s);
                        for (int i = low; i <= n; i++) {
                            h[i][i] -= s;
                        }
                        exshift += s;
                        x = 0.964;
                        y = x;
                        w = x;
                    }
                }
                if (++iter > MAX_ITERATIONS_PER_EIGENVALUE) {
                    throw new ArithmeticException("eigenvalue QR iteration did not converge for eigenvalue " + n
                            + " of " + size);
                }
                // Two consecutive small sub-diagonal elements?
                int m = n - 2;
                while (m >= l) {
                    z = h[m][m];
                    r = x - z;
                    s = y - z;
                    p = (r * s - w) / h[m + 1][m] + h[m][m + 1];
                    q = h[m + 1][m + 1] - z - r - s;
                    r = h[m + 2][m + 1];
                    s = Math.abs(p) + Math.abs(q) + Math.abs(r);
                    p /= s;
                    q /= s;
                    r /= s;
                    if (m == l) {
                        break;
                    }
                    if (Math.abs(h[m][m - 1]) * (Math.abs(q) + Math.abs(r))
                            < EPS * (Math.abs(p) * (Math.abs(h[m - 1][m - 1]) + Math.abs(z)
                            + Math.abs(h[m + 1][m + 1])))) {
                        break;
                    }
                    m--;
                }
                for (int i = m + 2; i <= n; i++) {
                    h[i][i - 2] = 0;
                    if (i > m + 2) {
                        h[i][i - 3] = 0;
                    }
                }
                // Double QR step on rows l..n, columns m..n.
                for (int k = m; k <= n - 1; k++) {
                    boolean notLast = k != n - 1;
                    if (k != m) {
                        p = h[k][k - 1];
                        q = h[k + 1][k - 1];
                        r = notLast ? h[k + 2][k - 1] : 0;
                        x = Math.abs(p) + Math.abs(q) + Math.abs(r);
                        if (x == 0) {
                            continue;
                        }
                        p /= x;
                        q /= x;
                        r /= x;
                    }
                    s = Math.sqrt(p * p + q * q + r * r);
                    if (p < 0) {
                        s = -s;
                    }
                    if (s != 0) {
                        if (k != m) {
                            h[k][k - 1] = -s * x;
                        } else if (l != m) {
                            h[k][k - 1] = -h[k][k - 1];
                        }
                        p += s;
                        x = p / s;
                        y = q / s;
                        z = r / s;
                        q /= p;
                        r /= p;
                        double[] rk = h[k];
                        double[] rk1 = h[k + 1];
                        double[] rk2 = notLast ? h[k + 2] : null;
                        for (int j = k; j <= n; j++) {
                            double t = rk[j] + q * rk1[j];
                            if (notLast) {
                                t += r * rk2[j];
                                rk2[j] -= t * z;
                            }
                            rk[j] -= t * x;
                            rk1[j] -= t * y;
                        }
                        int iEnd = Math.min(n, k + 3);
                        for (int i = l; i <= iEnd; i++) {
                            double[] hi = h[i];
                            double t = x * hi[k] + y * hi[k + 1];
                            if (notLast) {
                                t += z * hi[k + 2];
                                hi[k + 2] -= t * r;
                            }
                            hi[k] -= t;
                            hi[k + 1] -= t * q;
                        }
                    }
                }
            }
        }
    }
}
