package org.segforge.core.metric.generative;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fréchet distance between Gaussians fitted to two feature matrices (the FID of Heusel et al.
 * 2017 when the features come from a fixed network):
 * d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½).
 *
 * <p>Why this form: pytorch-fid takes {@code scipy.linalg.sqrtm(Σ₁Σ₂)}, a square root of a
 * non-symmetric product, which goes complex or inaccurate when a covariance is singular.
 * Σ₁^½ Σ₂ Σ₁^½ is symmetric positive semi-definite and has the same eigenvalues as Σ₁Σ₂, so
 * Tr (Σ₁Σ₂)^½ = Σᵢ √μᵢ with μᵢ its eigenvalues; both steps are symmetric eigendecompositions
 * (EJML), which are backward stable. Eigenvalues at or below {@link #ZERO_EIGENVALUE} times the
 * largest one, including those rounding makes slightly negative, are set to 0: they are 0 in exact
 * arithmetic for the singular covariances below, and the square root would otherwise turn rounding
 * noise of 10⁻¹⁶ into errors of 10⁻⁸.
 *
 * <p>Ill-conditioned inputs: with n ≤ d samples, or features that are linear combinations of
 * each other, a covariance is singular. No regularising offset is added (pytorch-fid adds 10⁻⁶·I
 * only when its sqrtm fails); the exact value for the singular Gaussians is returned and
 * {@link FidResult#rankDeficient()} says so. On the recorded cases this agrees with scipy to
 * about 10⁻⁸ relative (see the test and {@code reference/fid_reference.py}).
 */
public final class FrechetDistance {
    /** Eigenvalues at or below this fraction of the largest are treated as exact zeros. */
    public static final double ZERO_EIGENVALUE = 1e-12;

    private FrechetDistance() {}

    /** FID between the Gaussians fitted to {@code real} and {@code synthetic} (rows are vectors). */
    public static FidResult compute(double[][] real, double[][] synthetic) {
        Features.check(real, "real features");
        Features.check(synthetic, "synthetic features");
        if (real[0].length != synthetic[0].length) {
            throw new IllegalArgumentException("feature dimensions differ: real " + real[0].length + ", synthetic " + synthetic[0].length);
        }
        return between(GaussianFit.of(real), GaussianFit.of(synthetic));
    }

    /** Fréchet distance between two fitted Gaussians of the same dimension. */
    public static FidResult between(GaussianFit a, GaussianFit b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("dimensions differ: " + d + " and " + b.dimension());
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        DMatrixRMaj s1 = matrix(a.covariance()), s2 = matrix(b.covariance());
        Eigen e1 = eigen(s1);
        Eigen e2 = eigen(s2);
        // Σ₁^½ = V diag(√max(λ,0)) Vᵀ
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        DMatrixRMaj scaled = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            double s = Math.sqrt(clamp(e1.values[i], e1.max()));
            for (int r = 0; r < d; r++) {
                scaled.set(r, i, e1.vectors.get(r, i) * s);
            }
        }
        CommonOps_DDRM.multTransB(scaled, e1.vectors, root);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d), m = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root, s2, tmp);
        CommonOps_DDRM.mult(tmp, root, m);
        symmetrise(m);
        Eigen em = eigen(m);
        double traceSqrt = 0;
        for (double mu : em.values) {
            traceSqrt += Math.sqrt(clamp(mu, em.max()));
        }
        double covTerm = CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceSqrt;
        boolean deficient = singular(e1.values) || singular(e2.values);
        return new FidResult(meanTerm + covTerm, meanTerm, covTerm, a.count(), b.count(), d, deficient);
    }

    private record Eigen(double[] values, DMatrixRMaj vectors) {
        double max() {
            double m = 0;
            for (double v : values) {
                m = Math.max(m, v);
            }
            return m;
        }
    }

    private static double clamp(double value, double max) {
        return value <= ZERO_EIGENVALUE * max ? 0 : value;
    }

    private static Eigen eigen(DMatrixRMaj symmetric) {
        int d = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new ArithmeticException("symmetric eigendecomposition did not converge (d = " + d + ")");
        }
        double[] values = new double[d];
        DMatrixRMaj vectors = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int r = 0; r < d; r++) {
                vectors.set(r, i, v.get(r, 0));
            }
        }
        return new Eigen(values, vectors);
    }

    private static boolean singular(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        for (double v : values) {
            if (v <= ZERO_EIGENVALUE * max) {
                return true;
            }
        }
        return max == 0;
    }

    private static DMatrixRMaj matrix(double[][] a) {
        DMatrixRMaj m = new DMatrixRMaj(a);
        symmetrise(m);
        return m;
    }

    private static void symmetrise(DMatrixRMaj m) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }
}
