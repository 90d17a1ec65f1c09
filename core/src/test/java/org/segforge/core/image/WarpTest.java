package org.segforge.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WarpTest {
    private static final float FILL = -3f;
    private static final double TOL = 1e-5;

    /** The formula of warp_reference.py's vol3, in float32 like the script. */
    static Volume vol3(int nx, int ny, int nz) {
        float[] d = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    d[x + nx * (y + ny * z)] = (float) (Math.sin(0.7 * x + 0.3 * y) + 0.1 * z * z + Math.cos(0.5 * y * z));
                }
            }
        }
        return new Volume(nx, ny, nz, d, Affine.identity());
    }

    static Affine affine3() {
        double c = Math.cos(Math.toRadians(20)), s = Math.sin(Math.toRadians(20));
        return Affine.of(0.9 * c, -0.9 * s, 0.1, 0.7, 0.9 * s, 0.9 * c, 0, -0.4, 0.05, 0.1, 1.1, -0.3, 0, 0, 0, 1);
    }

    static DisplacementField field3(int nx, int ny, int nz) {
        int n = nx * ny * nz;
        float[] dx = new float[n], dy = new float[n], dz = new float[n];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    dx[i] = (float) (0.8 * Math.sin(0.9 * y + 0.2 * z));
                    dy[i] = (float) (0.6 * Math.cos(0.4 * x));
                    dz[i] = (float) (0.3 * Math.sin(0.5 * x + 0.5 * y));
                }
            }
        }
        return new DisplacementField(nx, ny, nz, dx, dy, dz);
    }

    private static void assertMatches(Volume out, double[] expected) {
        float[] d = out.data();
        assertThat(d).hasSize(expected.length);
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i] - expected[i]) > TOL) {
                throw new AssertionError("voxel " + i + ": got " + d[i] + ", scipy " + expected[i]);
            }
        }
    }

    @Test
    void affineMatchesScipyOrder1() {
        Volume out = Warp.apply(vol3(7, 6, 5), CoordinateMap.affine(7, 6, 5, affine3()), Interpolation.LINEAR, FILL);
        assertMatches(out, WarpReference.AFFINE3_ORDER1);
    }

    @Test
    void affineMatchesScipyOrder0() {
        Volume out = Warp.apply(vol3(7, 6, 5), CoordinateMap.affine(7, 6, 5, affine3()), Interpolation.NEAREST, FILL);
        assertMatches(out, WarpReference.AFFINE3_ORDER0);
    }

    @Test
    void displacementFieldMatchesScipyMapCoordinates() {
        CoordinateMap map = CoordinateMap.affine(7, 6, 5, affine3()).withDisplacement(field3(7, 6, 5));
        assertMatches(Warp.apply(vol3(7, 6, 5), map, Interpolation.LINEAR, FILL), WarpReference.FIELD3_ORDER1);
        assertMatches(Warp.apply(vol3(7, 6, 5), map, Interpolation.NEAREST, FILL), WarpReference.FIELD3_ORDER0);
    }

    @Test
    void twoDimensionalRotationMatchesScipy() {
        // The 2D affine printed by warp_reference.py: a 30° rotation about (4, 3.5) of the input
        // sampled on a 10×7 output grid centred at (4.5, 3).
        double th = Math.toRadians(30), c = Math.cos(th), s = Math.sin(th);
        double tx = 4.0 - (c * 4.5 + s * 3.0), ty = 3.5 - (-s * 4.5 + c * 3.0);
        Affine a = Affine.of(c, s, 0, tx, -s, c, 0, ty, 0, 0, 1, 0, 0, 0, 0, 1);
        Volume img = vol3(9, 8, 1);
        assertMatches(Warp.apply(img, CoordinateMap.affine(10, 7, 1, a), Interpolation.LINEAR, FILL), WarpReference.ROT2_ORDER1);
        assertMatches(Warp.apply(img, CoordinateMap.affine(10, 7, 1, a), Interpolation.NEAREST, FILL), WarpReference.ROT2_ORDER0);
    }

    @Test
    void identityMapReproducesTheInputExactly() {
        Volume v = vol3(13, 11, 9);
        for (Interpolation in : Interpolation.values()) {
            Volume out = Warp.apply(v, CoordinateMap.identityOn(v), in, FILL);
            assertThat(out.data()).containsExactly(v.data());
            assertThat(out.data()).isNotSameAs(v.data());
        }
    }

    @Test
    void everyFrameIsSampledWithTheSameCoordinates() {
        Volume a = vol3(7, 6, 5);
        float[] two = new float[a.frameSize() * 2];
        System.arraycopy(a.data(), 0, two, 0, a.frameSize());
        for (int i = 0; i < a.frameSize(); i++) {
            two[a.frameSize() + i] = 10 - 2 * a.data()[i];
        }
        Volume v = new Volume(7, 6, 5, 2, two, Affine.identity());
        CoordinateMap map = CoordinateMap.affine(7, 6, 5, affine3()).withDisplacement(field3(7, 6, 5));
        Volume out = Warp.apply(v, map, Interpolation.LINEAR, FILL);
        assertThat(out.nt()).isEqualTo(2);
        assertMatches(out.frame(0), WarpReference.FIELD3_ORDER1);
        Volume second = Warp.apply(v.frame(1), map, Interpolation.LINEAR, FILL);
        assertThat(out.frame(1).data()).containsExactly(second.data());
    }

    @Test
    void coordinatesOutsideOrNaNGiveTheFill() {
        Volume v = vol3(4, 4, 4);
        Affine shift = Affine.of(1, 0, 0, 3, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
        Volume out = Warp.apply(v, CoordinateMap.affine(4, 4, 4, shift), Interpolation.LINEAR, FILL);
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 4; y++) {
                assertThat(out.get(0, y, z)).isEqualTo(v.get(3, y, z));
                for (int x = 1; x < 4; x++) {
                    assertThat(out.get(x, y, z)).isEqualTo(FILL);
                }
            }
        }
        float[] nan = new float[64];
        java.util.Arrays.fill(nan, Float.NaN);
        Volume outNaN = Warp.apply(v, CoordinateMap.identityOn(v).withDisplacement(new DisplacementField(4, 4, 4, nan, null, null)),
                Interpolation.NEAREST, FILL);
        assertThat(outNaN.data()).containsOnly(FILL);
    }

    @Test
    void singleVoxelAxesAreHandled() {
        // A 1×5×1 line sampled half-way between voxels.
        Volume line = new Volume(1, 5, 1, new float[] {0, 10, 20, 30, 40}, null);
        Affine half = Affine.of(1, 0, 0, 0, 0, 1, 0, 0.5, 0, 0, 1, 0, 0, 0, 0, 1);
        Volume out = Warp.apply(line, CoordinateMap.affine(1, 5, 1, half), Interpolation.LINEAR, FILL);
        assertThat(out.data()).containsExactly(5f, 15f, 25f, 35f, FILL);
        Volume nn = Warp.apply(line, CoordinateMap.affine(1, 5, 1, half), Interpolation.NEAREST, FILL);
        assertThat(nn.data()).containsExactly(10f, 20f, 30f, 40f, FILL);
    }

    @Test
    void twoDimensionalInputWithZOffPlaneIsFilled() {
        Volume img = vol3(5, 5, 1);
        Affine lift = Affine.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0.5, 0, 0, 0, 1);
        assertThat(Warp.apply(img, CoordinateMap.affine(5, 5, 1, lift), Interpolation.LINEAR, FILL).data()).containsOnly(FILL);
    }

    @Test
    void rejectsMismatchedField() {
        assertThatThrownBy(() -> CoordinateMap.affine(4, 4, 4, Affine.identity()).withDisplacement(field3(4, 4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("displacement field");
    }
}
