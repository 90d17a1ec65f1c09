package org.segforge.core.io.nifti;

import org.segforge.core.image.Affine;

/**
 * Voxel-to-world geometry of a NIfTI header, following the three methods of {@code nifti1.h}:
 * the sform (srow_x/y/z) when sform_code &gt; 0, else the qform (quaternion, qfac from pixdim[0],
 * offsets) when qform_code &gt; 0, else the voxel sizes alone (method 1). For writing, the reverse:
 * a qform (closest rotation, voxel sizes, qfac) derived from an affine, as {@code nifti_mat44_to_quatern}.
 */
public final class NiftiGeometry {
    private NiftiGeometry() {}

    /** Which header fields the affine came from. */
    public enum Source { SFORM, QFORM, PIXDIM }

    /** The affine and the method it came from. */
    public record Resolved(Affine affine, Source source) {}

    /**
     * A qform: rotation quaternion (b, c, d; a is implied), offsets, voxel sizes and qfac (±1, the
     * sign of the third axis). This is what a NIfTI-1 header can store without shear.
     */
    public record QForm(double b, double c, double d, double qx, double qy, double qz,
                        double dx, double dy, double dz, double qfac) {}

    /**
     * The header's affine by the standard's precedence. An sform or qform that does not give a
     * finite, invertible matrix is passed over for the next method, as a corrupt transform should
     * not hide voxels that are fine.
     */
    public static Resolved resolve(NiftiHeader h) {
        if (h.sformCode() > 0) {
            double[] m = new double[16];
            for (int c = 0; c < 4; c++) {
                m[c] = h.srowX().get(c);
                m[4 + c] = h.srowY().get(c);
                m[8 + c] = h.srowZ().get(c);
            }
            m[15] = 1;
            if (usable(m)) {
                return new Resolved(Affine.of(m), Source.SFORM);
            }
        }
        if (h.qformCode() > 0) {
            double qfac = h.pixdim().get(0) < 0 ? -1 : 1;
            QForm q = new QForm(h.quaternB(), h.quaternC(), h.quaternD(), h.qoffsetX(), h.qoffsetY(), h.qoffsetZ(),
                h.pixdim().get(1), h.pixdim().get(2), h.pixdim().get(3), qfac);
            double[] m = qformMatrix(q);
            if (usable(m)) {
                return new Resolved(Affine.of(m), Source.QFORM);
            }
        }
        return new Resolved(Affine.scaling(size(h.pixdim().get(1)), size(h.pixdim().get(2)), size(h.pixdim().get(3))),
            Source.PIXDIM);
    }

    /** A voxel size as the standard's reference code uses it: a non-positive (or NaN) size means 1. */
    private static double size(double d) {
        return d > 0 && Double.isFinite(d) ? d : 1.0;
    }

    private static boolean usable(double[] m) {
        for (double v : m) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        double det = m[0] * (m[5] * m[10] - m[6] * m[9])
            - m[1] * (m[4] * m[10] - m[6] * m[8])
            + m[2] * (m[4] * m[9] - m[5] * m[8]);
        return det != 0 && Double.isFinite(det);
    }

    /** The 4×4 row-major matrix of a qform ({@code nifti_quatern_to_mat44}). */
    public static double[] qformMatrix(QForm q) {
        double b = q.b(), c = q.c(), d = q.d();
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1.0e-7) {
            // the quaternion is (nearly) 180° off: renormalise b, c, d and take a = 0
            double n = Math.sqrt(b * b + c * c + d * d);
            a = 0;
            if (n > 0) {
                b /= n;
                c /= n;
                d /= n;
            }
        } else {
            a = Math.sqrt(a);
        }
        double xd = size(q.dx()), yd = size(q.dy()), zd = size(q.dz());
        if (q.qfac() < 0) {
            zd = -zd;
        }
        return new double[] {
            (a * a + b * b - c * c - d * d) * xd, 2 * (b * c - a * d) * yd, 2 * (b * d + a * c) * zd, q.qx(),
            2 * (b * c + a * d) * xd, (a * a + c * c - b * b - d * d) * yd, 2 * (c * d - a * b) * zd, q.qy(),
            2 * (b * d - a * c) * xd, 2 * (c * d + a * b) * yd, (a * a + d * d - c * c - b * b) * zd, q.qz(),
            0, 0, 0, 1
        };
    }

    /**
     * The qform closest to an affine ({@code nifti_mat44_to_quatern}): voxel sizes are the column
     * lengths, the rotation is the orthogonal matrix nearest the normalised columns (polar
     * decomposition, so a sheared affine gets the closest rotation), qfac the sign of its determinant.
     */
    public static QForm toQForm(Affine affine) {
        double[][] r = new double[3][3];
        double[] size = new double[3];
        for (int col = 0; col < 3; col++) {
            double n = 0;
            for (int row = 0; row < 3; row++) {
                n += affine.get(row, col) * affine.get(row, col);
            }
            n = Math.sqrt(n);
            size[col] = n;
            for (int row = 0; row < 3; row++) {
                // a zero column has no direction: use the unit axis, as the reference code does
                r[row][col] = n > 0 ? affine.get(row, col) / n : (row == col ? 1 : 0);
            }
            if (n == 0) {
                size[col] = 1;
            }
        }
        double[][] rot = nearestOrthogonal(r);
        double qfac = 1;
        if (det(rot) < 0) {
            qfac = -1;
            for (int row = 0; row < 3; row++) {
                rot[row][2] = -rot[row][2];
            }
        }
        double r11 = rot[0][0], r12 = rot[0][1], r13 = rot[0][2];
        double r21 = rot[1][0], r22 = rot[1][1], r23 = rot[1][2];
        double r31 = rot[2][0], r32 = rot[2][1], r33 = rot[2][2];
        double a = r11 + r22 + r33 + 1.0, b, c, d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        } else {
            double xd = 1.0 + r11 - (r22 + r33);
            double yd = 1.0 + r22 - (r11 + r33);
            double zd = 1.0 + r33 - (r11 + r22);
            if (xd > 1.0) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            } else if (yd > 1.0) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new QForm(b, c, d, affine.get(0, 3), affine.get(1, 3), affine.get(2, 3), size[0], size[1], size[2], qfac);
    }

    /**
     * The orthogonal matrix nearest to {@code m} in the Frobenius norm (the orthogonal factor of its
     * polar decomposition), by Higham's iteration Q ← (Q + Q⁻ᵀ)/2, which converges quadratically for
     * an invertible matrix. A singular one (two parallel columns) is completed by cross products.
     */
    static double[][] nearestOrthogonal(double[][] m) {
        double[][] q = {m[0].clone(), m[1].clone(), m[2].clone()};
        if (Math.abs(det(q)) < 1e-9) {
            return completeBasis(q);
        }
        for (int it = 0; it < 100; it++) {
            double[][] invT = inverseTranspose(q);
            double change = 0;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double next = 0.5 * (q[r][c] + invT[r][c]);
                    change = Math.max(change, Math.abs(next - q[r][c]));
                    q[r][c] = next;
                }
            }
            if (change < 1e-15) {
                break;
            }
        }
        return q;
    }

    /** Gram–Schmidt on the columns, replacing a degenerate column by the cross product of the others. */
    private static double[][] completeBasis(double[][] m) {
        double[][] cols = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                cols[c][r] = m[r][c];
            }
        }
        double[][] out = new double[3][];
        int[] fill = new int[3];
        int n = 0;
        for (int c = 0; c < 3; c++) {
            double[] v = cols[c].clone();
            for (int k = 0; k < c; k++) {
                if (out[k] != null) {
                    double d = dot(v, out[k]);
                    for (int r = 0; r < 3; r++) v[r] -= d * out[k][r];
                }
            }
            double len = Math.sqrt(dot(v, v));
            if (len > 1e-6) {
                for (int r = 0; r < 3; r++) v[r] /= len;
                out[c] = v;
            } else {
                fill[n++] = c;
            }
        }
        for (int i = 0; i < n; i++) {
            int c = fill[i];
            // a unit axis not yet spanned, then orthonormalised against the others
            double[] best = null;
            for (int axis = 0; axis < 3 && best == null; axis++) {
                double[] v = new double[3];
                v[axis] = 1;
                for (double[] o : out) {
                    if (o != null) {
                        double d = dot(v, o);
                        for (int r = 0; r < 3; r++) v[r] -= d * o[r];
                    }
                }
                double len = Math.sqrt(dot(v, v));
                if (len > 1e-3) {
                    for (int r = 0; r < 3; r++) v[r] /= len;
                    best = v;
                }
            }
            out[c] = best;
        }
        double[][] q = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                q[r][c] = out[c][r];
            }
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] inverseTranspose(double[][] m) {
        double d = det(m);
        // the inverse is the adjugate over the determinant; its transpose is the cofactor matrix over it
        return new double[][] {
            {(m[1][1] * m[2][2] - m[1][2] * m[2][1]) / d, -(m[1][0] * m[2][2] - m[1][2] * m[2][0]) / d, (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / d},
            {-(m[0][1] * m[2][2] - m[0][2] * m[2][1]) / d, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / d, -(m[0][0] * m[2][1] - m[0][1] * m[2][0]) / d},
            {(m[0][1] * m[1][2] - m[0][2] * m[1][1]) / d, -(m[0][0] * m[1][2] - m[0][2] * m[1][0]) / d, (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / d}
        };
    }
}
