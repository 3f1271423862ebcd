package dev.snet.compiler.proxy;

/** log|det| of a small dense matrix by LU decomposition with partial pivoting, as numpy's slogdet does. */
final class Determinant {
    private Determinant() {}

    static double logAbs(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = matrix[i].clone();
        double log = 0;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
            if (a[pivot][col] == 0) return Double.NEGATIVE_INFINITY;
            double[] t = a[pivot];
            a[pivot] = a[col];
            a[col] = t;
            double d = a[col][col];
            log += Math.log(Math.abs(d));
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / d;
                if (f == 0) continue;
                for (int c = col; c < n; c++) a[r][c] -= f * a[col][c];
            }
        }
        return log;
    }
}
