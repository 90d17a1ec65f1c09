package org.segforge.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplingTest {
    /** MOV and REF of warp_reference.py (world mm, RAS). */
    private static final Affine MOV = Affine.of(0, -2.0, 0, 10, 1.5, 0, 0, -3, 0, 0, 2.5, 4, 0, 0, 0, 1);
    private static final Affine REF = Affine.of(0.2, -1.8, 0.1, 10.5, 1.6, 0.1, 0, -2.6, 0, 0.3, 2.2, 4.4, 0, 0, 0, 1);

    @Test
    void matchesScipyThroughBothAffines() {
        Volume moving = WarpTest.vol3(7, 6, 5).withAffine(MOV);
        Volume reference = Volume.zeros(6, 6, 4, REF);
        for (Interpolation in : Interpolation.values()) {
            Volume out = Resampling.onto(moving, reference, in, -3f);
            assertThat(out.affine()).isEqualTo(REF);
            assertThat(out.shape()).containsExactly(6, 6, 4);
            double[] expected = in == Interpolation.LINEAR ? WarpReference.ONTO_ORDER1 : WarpReference.ONTO_ORDER0;
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) out.data()[i]).as("%s voxel %d", in, i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void aWorldShiftOfOneVoxelShiftsTheData() {
        Volume moving = WarpTest.vol3(7, 6, 5).withAffine(MOV);
        // Reference voxel (i, j, k) is moving voxel (i, j + 1, k): column 1 of MOV is (-2, 0, 0).
        Affine shifted = Affine.of(0, -2.0, 0, 8, 1.5, 0, 0, -3, 0, 0, 2.5, 4, 0, 0, 0, 1);
        Volume out = Resampling.onto(moving, Volume.zeros(7, 6, 5, shifted), Interpolation.LINEAR);
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 7; x++) {
                    float expected = y < 5 ? moving.get(x, y + 1, z) : 0f;
                    assertThat(out.get(x, y, z)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void ontoItsOwnGridIsTheIdentity() {
        // An oblique affine whose inverse·itself is not bit-exact: the edge tolerance keeps the border.
        Affine oblique = Affine.of(0.9, 0.2, -0.1, -90, -0.15, 1.1, 0.05, 12, 0.1, 0.07, 1.3, -40, 0, 0, 0, 1);
        Volume v = WarpTest.vol3(9, 8, 7).withAffine(oblique);
        for (Interpolation in : Interpolation.values()) {
            Volume out = Resampling.onto(v, v, in);
            for (int i = 0; i < v.data().length; i++) {
                assertThat(out.data()[i]).isCloseTo(v.data()[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
