package org.segforge.core.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.LoadedImage;

/**
 * Every real NIfTI file in shared/data read by SegForge agrees with nibabel 5.0: shape, datatype,
 * voxel sizes, affine, voxel statistics and single voxels. The numbers below were printed by
 * {@code src/test/resources/reference/nifti_reference.py} (run from shared/data with /usr/bin/python3);
 * values are nibabel's get_fdata() rounded to float32 (what a Volume holds), summed in float64. The lesion
 * masks store 100 with scl_slope 0.01, so this also checks that scaling is applied.
 */
class NiftiRealFilesTest {

    record Ref(String path, int[] shape, int datatype, double[] pixdim, double[] affine,
               double sum, double min, double max, long nonzero, double[][] samples) {
        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Ref> refs() {
        return Stream.of(
        new Ref("colin27/aal.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            76656511.0, 0.0, 116.0, 1479969,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {119, 60, 10, 104.0}, {83, 106, 155, 69.0}, {37, 101, 59, 85.0}}),
        new Ref("colin27/brodmann.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            33673306.0, 0.0, 48.0, 1352119,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {64, 113, 22, 20.0}, {80, 103, 154, 4.0}, {37, 101, 59, 20.0}}),
        new Ref("colin27/ch2.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            317151210.0, 0.0, 254.0, 4151607,
            new double[][] {{90, 108, 90, 33.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {73, 4, 0, 16.0}, {0, 127, 176, 28.0}, {37, 101, 59, 80.0}}),
        new Ref("colin27/ch2bet.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            158526435.0, 0.0, 133.0, 1737193,
            new double[][] {{90, 108, 90, 33.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {94, 81, 4, 92.0}, {101, 85, 155, 87.0}, {37, 101, 59, 80.0}}),
        new Ref("lesions/lesion1.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            42008.0, 0.0, 1.0, 42008,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {145, 120, 51, 1.0}, {149, 113, 106, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion2.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            21800.0, 0.0, 1.0, 21800,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {144, 143, 49, 1.0}, {146, 149, 92, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion3.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            28215.0, 0.0, 1.0, 28215,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {144, 136, 60, 1.0}, {146, 142, 103, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion4.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            11236.0, 0.0, 1.0, 11236,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {142, 117, 68, 1.0}, {143, 129, 97, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion5.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            28417.0, 0.0, 1.0, 28417,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {129, 116, 69, 1.0}, {144, 117, 116, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion6.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            41900.0, 0.0, 1.0, 41900,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {143, 110, 47, 1.0}, {144, 117, 98, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion7.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            24869.0, 0.0, 1.0, 24869,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {145, 109, 40, 1.0}, {127, 114, 84, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion8.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            41372.0, 0.0, 1.0, 41372,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {156, 116, 49, 1.0}, {153, 122, 104, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion9.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            44765.0, 0.0, 1.0, 44765,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {156, 103, 48, 1.0}, {156, 103, 104, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion10.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            16436.0, 0.0, 1.0, 16436,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {156, 103, 72, 1.0}, {153, 108, 111, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion11.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            21683.0, 0.0, 1.0, 21683,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {138, 103, 72, 1.0}, {141, 108, 111, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion12.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            30506.0, 0.0, 1.0, 30506,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {139, 107, 40, 1.0}, {139, 109, 82, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion13.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            22583.0, 0.0, 1.0, 22583,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {147, 97, 53, 1.0}, {147, 97, 89, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion14.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            37952.0, 0.0, 1.0, 37952,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {153, 88, 50, 1.0}, {155, 102, 104, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion15.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            27986.0, 0.0, 1.0, 27986,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {148, 95, 64, 1.0}, {148, 95, 104, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion16.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            24262.0, 0.0, 1.0, 24262,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {143, 83, 83, 1.0}, {143, 83, 123, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion17.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            16657.0, 0.0, 1.0, 16657,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {132, 66, 83, 1.0}, {132, 72, 122, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion18.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            19372.0, 0.0, 1.0, 19372,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {132, 64, 95, 1.0}, {131, 72, 133, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion19.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            28817.0, 0.0, 1.0, 28817,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {132, 57, 68, 1.0}, {132, 57, 108, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion20.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            20194.0, 0.0, 1.0, 20194,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {125, 44, 82, 1.0}, {123, 49, 121, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion21.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            14574.0, 0.0, 1.0, 14574,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {134, 168, 56, 1.0}, {130, 173, 98, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion22.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            24389.0, 0.0, 1.0, 24389,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {106, 177, 50, 1.0}, {110, 185, 92, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion23.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            15838.0, 0.0, 1.0, 15838,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {119, 185, 61, 1.0}, {113, 184, 104, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("lesions/lesion24.nii.gz", new int[] {181, 217, 181}, 2, new double[] {1.0, 1.0, 1.0},
            new double[] {1.0, 0.0, 0.0, -90.0, 0.0, 1.0, 0.0, -125.0, 0.0, 0.0, 1.0, -71.0, 0.0, 0.0, 0.0, 1.0},
            14127.0, 0.0, 1.0, 14127,
            new double[][] {{90, 108, 90, 0.0}, {0, 0, 0, 0.0}, {180, 216, 180, 0.0}, {129, 50, 84, 1.0}, {129, 50, 116, 1.0}, {37, 101, 59, 0.0}}),
        new Ref("ct-head/cranium_ct.nii.gz", new int[] {256, 256, 108}, 4, new double[] {0.9570311903953552, 0.9570311903953552, 1.5},
            new double[] {0.9570311903953552, 0.0, 0.0, 0.0, 0.0, 0.9570311903953552, 0.0, 0.0, 0.0, 0.0, 1.5, 0.0, 0.0, 0.0, 0.0, 1.0},
            -4147325847.0, -1024.0, 2986.0, 7068765,
            new double[][] {{128, 128, 54, 3.0}, {0, 0, 0, -998.0}, {255, 255, 107, -995.0}, {0, 0, 0, -998.0}, {255, 255, 107, -995.0}, {37, 101, 59, -984.0}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refs")
    void agreesWithNibabel(Ref ref) throws DataException {
        Path file = SharedData.file(ref.path());
        LoadedImage img = ImageFiles.read(file);
        Volume v = img.volume();
        assertThat(img.format()).isEqualTo("NIfTI-1");
        assertThat(v.shape()).containsExactly(ref.shape());
        assertThat(img.storedType().niftiCode()).isEqualTo(ref.datatype());
        assertThat(img.header().get("datatype")).isEqualTo(ref.datatype());
        assertThat(v.spacing()).containsExactly(ref.pixdim(), within(1e-9));
        assertThat(v.affine().approxEquals(Affine.of(ref.affine()), 1e-9))
            .as("affine %s vs nibabel %s", v.affine(), Affine.of(ref.affine())).isTrue();
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        long nonzero = 0;
        for (float f : v.data()) {
            sum += f;
            min = Math.min(min, f);
            max = Math.max(max, f);
            if (f != 0) {
                nonzero++;
            }
        }
        assertThat(sum).isEqualTo(ref.sum());
        assertThat(min).isEqualTo(ref.min());
        assertThat(max).isEqualTo(ref.max());
        assertThat(nonzero).isEqualTo(ref.nonzero());
        for (double[] s : ref.samples()) {
            assertThat((double) v.get((int) s[0], (int) s[1], (int) s[2]))
                .as("voxel (%d, %d, %d)", (int) s[0], (int) s[1], (int) s[2]).isEqualTo(s[3]);
        }
        assertThat(img.header()).containsEntry("vox_offset", 352L).containsEntry("sizeof_hdr", 348);
        assertThat(img.header().get("affine_from")).isEqualTo("sform");
        assertThat((List<?>) img.header().get("extensions")).isEmpty();
    }
}
