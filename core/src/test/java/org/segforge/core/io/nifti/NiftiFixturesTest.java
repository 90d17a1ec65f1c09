package org.segforge.core.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.io.LoadedImage;

/**
 * Small files made by nibabel 5.0 (see {@code src/test/resources/reference/make_nifti_fixtures.py})
 * that cover what the real data does not: big-endian, NIfTI-2, scaling, extensions, qform-only,
 * pixdim-only, 2D, 4D, uint32/int64/float64. Each {@code .expected} file holds what nibabel reads.
 */
class NiftiFixturesTest {

    /** A fixture under src/test/resources/nifti. */
    static Path fixture(String name) {
        try {
            return Path.of(NiftiFixturesTest.class.getResource("/nifti/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Expected(int[] shape, int datatype, double[] affine, double[] values) {
        static Expected of(Path file) throws IOException {
            int[] shape = null;
            int datatype = 0;
            double[] affine = null, values = null;
            for (String line : Files.readAllLines(Path.of(file + ".expected"))) {
                String[] f = line.trim().split(" ");
                switch (f[0]) {
                    case "shape" -> shape = java.util.Arrays.stream(f, 1, f.length).mapToInt(Integer::parseInt).toArray();
                    case "datatype" -> datatype = Integer.parseInt(f[1]);
                    case "affine" -> affine = java.util.Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray();
                    case "values" -> values = java.util.Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray();
                    default -> throw new IllegalStateException("unknown line " + line);
                }
            }
            return new Expected(shape, datatype, affine, values);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"big_endian_int16.nii", "nifti2_float32.nii", "nifti2_big_endian_int32_4d.nii.gz",
        "scaled_int16.nii", "extensions_float64.nii", "qform_only_uint16.nii", "pixdim_only_int8.nii",
        "image2d_uint8.nii.gz", "uint32_4d_ext.nii", "int64.nii.gz"})
    void readsLikeNibabel(String name) throws Exception {
        Path file = fixture(name);
        Expected e = Expected.of(file);
        LoadedImage img = NiftiReader.read(file);
        int[] shape = img.volume().shape();
        // our shape drops a trailing nt = 1, and a 2D image has nz = 1 (nibabel's expected file says so too)
        assertThat(shape).containsExactly(e.shape());
        assertThat(img.storedType().niftiCode()).isEqualTo(e.datatype());
        assertThat(img.volume().affine().approxEquals(Affine.of(e.affine()), 1e-6))
            .as("%s vs nibabel %s", img.volume().affine(), Affine.of(e.affine())).isTrue();
        float[] data = img.volume().data();
        assertThat(data).hasSize(e.values().length);
        for (int i = 0; i < data.length; i++) {
            // nibabel computes in float64; a Volume holds the value rounded to float32
            assertThat(data[i]).as("voxel %d", i).isEqualTo((float) e.values()[i]);
        }
    }

    @Test
    void headerTellsVersionOrderAndAffineSource() throws DataException {
        LoadedImage be = NiftiReader.read(fixture("big_endian_int16.nii"));
        assertThat(be.header()).containsEntry("byte_order", "big-endian").containsEntry("version", "NIfTI-1")
            .containsEntry("sizeof_hdr", 348).containsEntry("affine_from", "sform").containsEntry("sform_code", 2);
        LoadedImage n2 = NiftiReader.read(fixture("nifti2_big_endian_int32_4d.nii.gz"));
        assertThat(n2.format()).isEqualTo("NIfTI-2");
        assertThat(n2.header()).containsEntry("sizeof_hdr", 540).containsEntry("byte_order", "big-endian")
            .containsEntry("magic", "n+2").containsEntry("vox_offset", 544L);
        assertThat(n2.header().get("dim")).isEqualTo(List.of(4L, 4L, 3L, 2L, 2L, 1L, 1L, 1L));
        assertThat(NiftiReader.read(fixture("qform_only_uint16.nii")).header()).containsEntry("affine_from", "qform")
            .containsEntry("qform_code", 1).containsEntry("sform_code", 0);
        assertThat(NiftiReader.read(fixture("pixdim_only_int8.nii")).header()).containsEntry("affine_from", "pixdim");
    }

    @Test
    void qformOnlyFileWithNegativeQfacIsMirrored() throws DataException {
        LoadedImage img = NiftiReader.read(fixture("qform_only_uint16.nii"));
        assertThat((List<?>) img.header().get("pixdim")).first().isEqualTo(-1.0);
        Affine a = img.volume().affine();
        double det = a.get(0, 0) * (a.get(1, 1) * a.get(2, 2) - a.get(1, 2) * a.get(2, 1))
            - a.get(0, 1) * (a.get(1, 0) * a.get(2, 2) - a.get(1, 2) * a.get(2, 0))
            + a.get(0, 2) * (a.get(1, 0) * a.get(2, 1) - a.get(1, 1) * a.get(2, 0));
        assertThat(det).isLessThan(0);
        assertThat(img.volume().spacing()).containsExactly(new double[] {1.5, 2, 3}, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void scalingIsApplied() throws DataException {
        LoadedImage img = NiftiReader.read(fixture("scaled_int16.nii"));
        assertThat(img.header()).containsEntry("scl_slope", 0.5).containsEntry("scl_inter", -10.0);
        // raw voxel 0 is -100 (see the fixture script): -100 * 0.5 - 10
        assertThat(img.volume().data()[0]).isEqualTo(-60f);
        assertThat(img.storedType()).isEqualTo(org.segforge.core.io.DataType.INT16);
    }

    @Test
    void extensionsAreListedWithCodeAndSize() throws DataException {
        LoadedImage img = NiftiReader.read(fixture("extensions_float64.nii"));
        // sizes as nibabel reports them (get_sizeondisk): 32 and 48 bytes, both comments (code 6)
        assertThat(img.header().get("extensions")).isEqualTo(List.of("code 6, 32 bytes", "code 6, 48 bytes"));
        assertThat(img.header()).containsEntry("vox_offset", 432L);
        LoadedImage afni = NiftiReader.read(fixture("uint32_4d_ext.nii"));
        assertThat(afni.header().get("extensions")).isEqualTo(List.of("code 4, 128 bytes"));
        assertThat(afni.volume().nt()).isEqualTo(2);
    }

    @Test
    void twoDimensionalFileBecomesOneSlice() throws DataException {
        LoadedImage img = NiftiReader.read(fixture("image2d_uint8.nii.gz"));
        assertThat(img.volume().is2d()).isTrue();
        assertThat(img.volume().nx()).isEqualTo(5);
        assertThat(img.volume().ny()).isEqualTo(4);
        assertThat(img.header().get("dim")).isEqualTo(List.of(2L, 5L, 4L, 1L, 1L, 1L, 1L, 1L));
    }
}
