package org.segforge.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segforge.core.SharedData;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Interpolation;
import org.segforge.core.image.Resampling;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/** Resampling and rotation on the real Colin27 T1 and a real lesion mask (../shared/data). */
class RealDataTransformsTest {
    private static Volume ch2;
    private static Volume lesion;

    @BeforeAll
    static void load() throws Exception {
        ch2 = ImageFiles.readVolume(SharedData.file("colin27/ch2.nii.gz"));
        lesion = ImageFiles.readVolume(SharedData.file("lesions/lesion1.nii.gz"));
    }

    @Test
    void ch2ResampledOntoItsOwnGridIsTheIdentity() {
        Volume nearest = Resampling.onto(ch2, ch2, Interpolation.NEAREST);
        // Arrays.equals, not containsExactly: AssertJ's diff is quadratic on 7 million voxels.
        assertThat(java.util.Arrays.equals(nearest.data(), ch2.data())).isTrue();
        Volume linear = Resampling.onto(ch2, ch2, Interpolation.LINEAR);
        float worst = 0;
        for (int i = 0; i < ch2.data().length; i++) {
            worst = Math.max(worst, Math.abs(linear.data()[i] - ch2.data()[i]));
        }
        assertThat(worst).isLessThan(1e-4f);
        assertThat(linear.affine()).isEqualTo(ch2.affine());
    }

    @Test
    void lesionSurvivesARoundTripThroughARotatedShiftedGrid() {
        // A grid turned 8° about z and 6° about x and shifted by (3.3, −2.1, 1.7) mm in world space.
        double a = Math.toRadians(8), b = Math.toRadians(6);
        Affine rz = Affine.of(Math.cos(a), -Math.sin(a), 0, 3.3, Math.sin(a), Math.cos(a), 0, -2.1, 0, 0, 1, 1.7, 0, 0, 0, 1);
        Affine rx = Affine.of(1, 0, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, 0, Math.sin(b), Math.cos(b), 0, 0, 0, 0, 1);
        Volume grid = Volume.zeros(lesion.nx(), lesion.ny(), lesion.nz(), rz.multiply(rx).multiply(lesion.affine()));
        Volume moved = Resampling.onto(lesion, grid, Interpolation.NEAREST);
        Volume back = Resampling.onto(moved, lesion, Interpolation.NEAREST);
        assertThat(TestSamples.values(moved)).containsExactly(0f, 1f);
        long inter = 0, a1 = 0, a2 = 0, m = 0;
        for (int i = 0; i < lesion.data().length; i++) {
            boolean p = lesion.data()[i] > 0, q = back.data()[i] > 0;
            a1 += p ? 1 : 0;
            a2 += q ? 1 : 0;
            inter += p && q ? 1 : 0;
            m += moved.data()[i] > 0 ? 1 : 0;
        }
        double dice = 2.0 * inter / (a1 + a2);
        assertThat(a1).isGreaterThan(10_000);
        assertThat(dice).isGreaterThan(0.95);
        assertThat((double) m).isCloseTo(a1, offset(0.05 * a1)); // the moved lesion kept its volume
        assertThat(java.util.Arrays.equals(moved.data(), lesion.data())).isFalse();
    }

    /** Sample points and values from rotate_ch2_reference.py; // shape (181, 217), min 0.0, input sum 2326396.000000, rotated sum 2325770.785556 */
    private static final int[][] ROT23_POINTS = {{5, 5}, {5, 25}, {5, 45}, {5, 65}, {5, 85}, {5, 105}, {5, 125}, {5, 145}, {5, 165}, {5, 185}, {5, 205}, {25, 5}, {25, 25}, {25, 45}, {25, 65}, {25, 85}, {25, 105}, {25, 125}, {25, 145}, {25, 165}, {25, 185}, {25, 205}, {45, 5}, {45, 25}, {45, 45}, {45, 65}, {45, 85}, {45, 105}, {45, 125}, {45, 145}, {45, 165}, {45, 185}, {45, 205}, {65, 5}, {65, 25}, {65, 45}, {65, 65}, {65, 85}, {65, 105}, {65, 125}, {65, 145}, {65, 165}, {65, 185}, {65, 205}, {85, 5}, {85, 25}, {85, 45}, {85, 65}, {85, 85}, {85, 105}, {85, 125}, {85, 145}, {85, 165}, {85, 185}, {85, 205}, {105, 5}, {105, 25}, {105, 45}, {105, 65}, {105, 85}, {105, 105}, {105, 125}, {105, 145}, {105, 165}, {105, 185}, {105, 205}, {125, 5}, {125, 25}, {125, 45}, {125, 65}, {125, 85}, {125, 105}, {125, 125}, {125, 145}, {125, 165}, {125, 185}, {125, 205}, {145, 5}, {145, 25}, {145, 45}, {145, 65}, {145, 85}, {145, 105}, {145, 125}, {145, 145}, {145, 165}, {145, 185}, {145, 205}, {165, 5}, {165, 25}, {165, 45}, {165, 65}, {165, 85}, {165, 105}, {165, 125}, {165, 145}, {165, 165}, {165, 185}, {165, 205}};
    private static final double[] ROT23_VALUES = {0.000000, 0.000000, 0.000000, 0.000000, 0.000000, 46.451074, 97.520376, 46.497672, 0.000000, 0.000000, 0.000000, 0.000000, 0.000000, 0.000000, 98.914446, 36.554387, 74.190256, 113.428242, 100.058302, 30.604529, 59.410782, 0.000000, 0.000000, 0.000000, 17.504671, 87.003843, 112.335119, 113.927646, 115.050859, 118.631859, 118.848956, 43.351844, 0.000000, 0.000000, 49.594509, 116.213684, 114.220631, 90.020942, 105.362866, 89.571179, 113.750053, 59.917362, 85.337318, 136.238598, 0.000000, 23.505113, 116.609267, 109.554216, 110.743100, 64.854950, 25.199525, 112.001794, 113.422432, 77.624224, 149.302177, 0.000000, 66.980170, 105.195622, 79.665839, 81.834649, 63.241387, 108.403531, 113.906927, 118.392190, 97.861838, 54.015440, 0.000000, 11.916357, 110.743474, 113.506159, 110.092112, 113.391628, 62.537604, 93.637952, 107.030370, 52.273522, 0.000000, 0.000000, 3.388536, 53.952951, 93.465974, 87.588491, 113.974487, 80.996246, 85.847551, 93.535766, 0.000000, 0.000000, 0.000000, 0.000000, 39.914064, 28.906630, 13.727746, 14.799321, 91.408316, 60.870509, 0.000000, 0.000000, 0.000000};

    @Test
    void ch2SliceRotationMatchesScipyRotate() {
        Volume slice = Slices.extract(ch2, Axis.AXIAL, 90);
        // scipy.ndimage.rotate sorts its axes to (x, y) and samples input = [[c, s], [−s, c]]·(p − c) + c,
        // which turns the content from +x towards +y: the same sense as our positive angle.
        Volume rotated = Rotation.inPlane(23).apply(Sample.of(slice)).image();
        for (int i = 0; i < ROT23_POINTS.length; i++) {
            int x = ROT23_POINTS[i][0], y = ROT23_POINTS[i][1];
            assertThat((double) rotated.get(x, y, 0)).as("(%d, %d)", x, y).isCloseTo(ROT23_VALUES[i], offset(1e-3));
        }
        double sum = 0;
        for (float f : rotated.data()) {
            sum += f;
        }
        assertThat(sum).isCloseTo(2325770.785556, offset(0.5));
    }
}
