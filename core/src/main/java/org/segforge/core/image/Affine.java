package org.segforge.core.image;

import java.util.Arrays;

/**
 * A 4×4 voxel-to-world (RAS+, millimetres) transform, the one source of truth for geometry:
 * world = M · (i, j, k, 1). Spacing, origin and direction are derived from it. Immutable.
 */
public final class Affine {
    private final double[] m; // row-major 4×4

    private Affine(double[] rowMajor) {
        this.m = rowMajor;
    }

    /** From 16 row-major values; the last row must be (0, 0, 0, 1). */
    public static Affine of(double... rowMajor16) {
        if (rowMajor16.length != 16) {
            throw new IllegalArgumentException("an affine needs 16 values, got " + rowMajor16.length);
        }
        for (double v : rowMajor16) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine has a non-finite value: " + Arrays.toString(rowMajor16));
            }
        }
        return new Affine(rowMajor16.clone());
    }

    /** From a 3×4 matrix given as three rows of four (the NIfTI srow_x/y/z form). */
    public static Affine ofRows(double[] rowX, double[] rowY, double[] rowZ) {
        double[] a = new double[16];
        System.arraycopy(rowX, 0, a, 0, 4);
        System.arraycopy(rowY, 0, a, 4, 4);
        System.arraycopy(rowZ, 0, a, 8, 4);
        a[15] = 1;
        return of(a);
    }

    public static Affine identity() {
        return scaling(1, 1, 1);
    }

    /** Diagonal spacing with the origin at zero. */
    public static Affine scaling(double sx, double sy, double sz) {
        return of(sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1);
    }

    public double get(int row, int col) {
        return m[row * 4 + col];
    }

    /** Row-major copy of the 16 values. */
    public double[] toArray() {
        return m.clone();
    }

    /** World coordinates of voxel (i, j, k); the voxel indices may be fractional. */
    public double[] apply(double i, double j, double k) {
        return new double[] {
            m[0] * i + m[1] * j + m[2] * k + m[3],
            m[4] * i + m[5] * j + m[6] * k + m[7],
            m[8] * i + m[9] * j + m[10] * k + m[11]
        };
    }

    /** Voxel spacing: the length of each of the first three columns. */
    public double[] spacing() {
        double[] s = new double[3];
        for (int c = 0; c < 3; c++) {
            s[c] = Math.sqrt(m[c] * m[c] + m[4 + c] * m[4 + c] + m[8 + c] * m[8 + c]);
        }
        return s;
    }

    /** World position of voxel (0, 0, 0). */
    public double[] origin() {
        return new double[] {m[3], m[7], m[11]};
    }

    public Affine multiply(Affine other) {
        double[] r = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += m[i * 4 + k] * other.m[k * 4 + j];
                }
                r[i * 4 + j] = s;
            }
        }
        return new Affine(r);
    }

    /** The inverse transform (world to voxel); throws if the matrix is singular. */
    public Affine inverse() {
        double[] a = m;
        double[] inv = new double[16];
        // Cofactor expansion of a general 4×4 matrix.
        inv[0] = a[5] * a[10] * a[15] - a[5] * a[11] * a[14] - a[9] * a[6] * a[15] + a[9] * a[7] * a[14] + a[13] * a[6] * a[11] - a[13] * a[7] * a[10];
        inv[4] = -a[4] * a[10] * a[15] + a[4] * a[11] * a[14] + a[8] * a[6] * a[15] - a[8] * a[7] * a[14] - a[12] * a[6] * a[11] + a[12] * a[7] * a[10];
        inv[8] = a[4] * a[9] * a[15] - a[4] * a[11] * a[13] - a[8] * a[5] * a[15] + a[8] * a[7] * a[13] + a[12] * a[5] * a[11] - a[12] * a[7] * a[9];
        inv[12] = -a[4] * a[9] * a[14] + a[4] * a[10] * a[13] + a[8] * a[5] * a[14] - a[8] * a[6] * a[13] - a[12] * a[5] * a[10] + a[12] * a[6] * a[9];
        inv[1] = -a[1] * a[10] * a[15] + a[1] * a[11] * a[14] + a[9] * a[2] * a[15] - a[9] * a[3] * a[14] - a[13] * a[2] * a[11] + a[13] * a[3] * a[10];
        inv[5] = a[0] * a[10] * a[15] - a[0] * a[11] * a[14] - a[8] * a[2] * a[15] + a[8] * a[3] * a[14] + a[12] * a[2] * a[11] - a[12] * a[3] * a[10];
        inv[9] = -a[0] * a[9] * a[15] + a[0] * a[11] * a[13] + a[8] * a[1] * a[15] - a[8] * a[3] * a[13] - a[12] * a[1] * a[11] + a[12] * a[3] * a[9];
        inv[13] = a[0] * a[9] * a[14] - a[0] * a[10] * a[13] - a[8] * a[1] * a[14] + a[8] * a[2] * a[13] + a[12] * a[1] * a[10] - a[12] * a[2] * a[9];
        inv[2] = a[1] * a[6] * a[15] - a[1] * a[7] * a[14] - a[5] * a[2] * a[15] + a[5] * a[3] * a[14] + a[13] * a[2] * a[7] - a[13] * a[3] * a[6];
        inv[6] = -a[0] * a[6] * a[15] + a[0] * a[7] * a[14] + a[4] * a[2] * a[15] - a[4] * a[3] * a[14] - a[12] * a[2] * a[7] + a[12] * a[3] * a[6];
        inv[10] = a[0] * a[5] * a[15] - a[0] * a[7] * a[13] - a[4] * a[1] * a[15] + a[4] * a[3] * a[13] + a[12] * a[1] * a[7] - a[12] * a[3] * a[5];
        inv[14] = -a[0] * a[5] * a[14] + a[0] * a[6] * a[13] + a[4] * a[1] * a[14] - a[4] * a[2] * a[13] - a[12] * a[1] * a[6] + a[12] * a[2] * a[5];
        inv[3] = -a[1] * a[6] * a[11] + a[1] * a[7] * a[10] + a[5] * a[2] * a[11] - a[5] * a[3] * a[10] - a[9] * a[2] * a[7] + a[9] * a[3] * a[6];
        inv[7] = a[0] * a[6] * a[11] - a[0] * a[7] * a[10] - a[4] * a[2] * a[11] + a[4] * a[3] * a[10] + a[8] * a[2] * a[7] - a[8] * a[3] * a[6];
        inv[11] = -a[0] * a[5] * a[11] + a[0] * a[7] * a[9] + a[4] * a[1] * a[11] - a[4] * a[3] * a[9] - a[8] * a[1] * a[7] + a[8] * a[3] * a[5];
        inv[15] = a[0] * a[5] * a[10] - a[0] * a[6] * a[9] - a[4] * a[1] * a[10] + a[4] * a[2] * a[9] + a[8] * a[1] * a[6] - a[8] * a[2] * a[5];
        double det = a[0] * inv[0] + a[1] * inv[4] + a[2] * inv[8] + a[3] * inv[12];
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("affine is singular: " + this);
        }
        for (int i = 0; i < 16; i++) {
            inv[i] /= det;
        }
        return new Affine(inv);
    }

    /** True when every entry differs by at most {@code tol}. */
    public boolean approxEquals(Affine other, double tol) {
        for (int i = 0; i < 16; i++) {
            if (Math.abs(m[i] - other.m[i]) > tol) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.equals(m, a.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < 4; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < 4; c++) {
                sb.append(c == 0 ? "" : ", ").append(String.format("%.4g", m[r * 4 + c]));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
