package org.segforge.core.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segforge.core.image.Affine;

/** Affine ↔ qform conversions of {@link NiftiGeometry}, checked as properties over seeded cases. */
class NiftiGeometryTest {

    /** A random rotation (unit quaternion), random voxel sizes, random mirror, random origin. */
    static Affine randomRigidScaled(SplittableRandom rng, boolean mirror) {
        double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian(), d = rng.nextGaussian();
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        if (a < 0) {
            n = -n; // a ≥ 0, as NIfTI requires
        }
        double[] q = NiftiGeometry.qformMatrix(new NiftiGeometry.QForm(b / n, c / n, d / n,
            rng.nextDouble(-200, 200), rng.nextDouble(-200, 200), rng.nextDouble(-200, 200),
            rng.nextDouble(0.2, 4), rng.nextDouble(0.2, 4), rng.nextDouble(0.2, 4), mirror ? -1 : 1));
        return Affine.of(q);
    }

    @Test
    void qformRoundTripsRotationsScalesAndMirrors() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 500; i++) {
            Affine a = randomRigidScaled(rng, i % 2 == 1);
            NiftiGeometry.QForm q = NiftiGeometry.toQForm(a);
            assertThat(q.qfac()).isEqualTo(i % 2 == 1 ? -1 : 1);
            assertThat(Affine.of(NiftiGeometry.qformMatrix(q)).approxEquals(a, 1e-9)).as("case %d: %s", i, a).isTrue();
        }
    }

    @Test
    void halfTurnsUseTheOtherBranchesOfTheQuaternionFormula() {
        double[][] diagonals = {{-1, -1, 1}, {-1, 1, -1}, {1, -1, -1}, {-1, -1, -1}, {1, 1, -1}, {-2, 3, 4}};
        for (double[] dg : diagonals) {
            Affine a = Affine.of(dg[0], 0, 0, 5, 0, dg[1], 0, 6, 0, 0, dg[2], 7, 0, 0, 0, 1);
            NiftiGeometry.QForm q = NiftiGeometry.toQForm(a);
            assertThat(Affine.of(NiftiGeometry.qformMatrix(q)).approxEquals(a, 1e-12)).as("%s", a).isTrue();
        }
        // a permutation of axes (the sagittal or coronal storage of many scanners)
        Affine perm = Affine.of(0, 0, 1.5, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 1);
        assertThat(Affine.of(NiftiGeometry.qformMatrix(NiftiGeometry.toQForm(perm))).approxEquals(perm, 1e-12)).isTrue();
    }

    @Test
    void shearedAffineGetsTheClosestRotation() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            Affine rigid = randomRigidScaled(rng, i % 2 == 0);
            Affine shear = Affine.of(1, rng.nextDouble(-0.3, 0.3), rng.nextDouble(-0.3, 0.3), 0,
                0, 1, rng.nextDouble(-0.3, 0.3), 0, 0, 0, 1, 0, 0, 0, 0, 1);
            Affine a = rigid.multiply(shear);
            NiftiGeometry.QForm q = NiftiGeometry.toQForm(a);
            double[] m = NiftiGeometry.qformMatrix(q);
            // the qform's columns, divided by the voxel sizes and qfac, form a rotation R …
            double[][] r = new double[3][3];
            double[] size = {q.dx(), q.dy(), q.dz() * q.qfac()};
            double[][] u = new double[3][3]; // the affine's normalised columns
            double[] len = a.spacing();
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    r[row][col] = m[row * 4 + col] / size[col];
                    u[row][col] = a.get(row, col) / len[col] * (col == 2 ? q.qfac() : 1);
                }
            }
            assertThat(NiftiGeometry.det(r)).isCloseTo(1, within(1e-9));
            assertThat(q.dx()).isCloseTo(len[0], within(1e-12));
            // … closer to those columns than any nearby rotation (polar factor = best fit in Frobenius norm)
            double best = frobenius(r, u);
            for (int k = 0; k < 30; k++) {
                double[][] tweaked = times(r, smallRotation(rng, 0.02));
                assertThat(frobenius(tweaked, u)).as("case %d tweak %d", i, k).isGreaterThanOrEqualTo(best - 1e-12);
            }
        }
    }

    @Test
    void nearestOrthogonalOfARotationIsItself() {
        double[][] rot = smallRotation(new SplittableRandom(3), 1.0);
        double[][] q = NiftiGeometry.nearestOrthogonal(rot);
        assertThat(frobenius(q, rot)).isLessThan(1e-12);
        // a singular matrix (two equal columns) still gives an orthogonal matrix
        double[][] sing = {{1, 1, 0}, {0, 0, 0}, {0, 0, 1}};
        double[][] o = NiftiGeometry.nearestOrthogonal(sing);
        assertThat(Math.abs(NiftiGeometry.det(o))).isCloseTo(1, within(1e-9));
    }

    @Test
    void sformWinsOverQformWhichWinsOverPixdim() {
        // exercised on files in NiftiFixturesTest; here the degenerate zero-sized voxel case
        NiftiGeometry.QForm q = new NiftiGeometry.QForm(0, 0, 0, 1, 2, 3, 0, -1, Double.NaN, 1);
        assertThat(Affine.of(NiftiGeometry.qformMatrix(q)).approxEquals(
            Affine.of(1, 0, 0, 1, 0, 1, 0, 2, 0, 0, 1, 3, 0, 0, 0, 1), 0)).isTrue();
    }

    private static double[][] smallRotation(SplittableRandom rng, double angle) {
        double x = rng.nextGaussian(), y = rng.nextGaussian(), z = rng.nextGaussian();
        double n = Math.sqrt(x * x + y * y + z * z);
        x /= n;
        y /= n;
        z /= n;
        double t = rng.nextDouble(-angle, angle), c = Math.cos(t), s = Math.sin(t), v = 1 - c;
        return new double[][] {
            {c + x * x * v, x * y * v - z * s, x * z * v + y * s},
            {y * x * v + z * s, c + y * y * v, y * z * v - x * s},
            {z * x * v - y * s, z * y * v + x * s, c + z * z * v}};
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return r;
    }

    private static double frobenius(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
            }
        }
        return Math.sqrt(s);
    }
}
