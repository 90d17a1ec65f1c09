package org.segforge.core.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.LoadedImage;

/**
 * Reference values from Debian's /usr/bin/python3 with pydicom 2.3.1:
 * <pre>
 * d = pydicom.dcmread(f)
 * a = apply_modality_lut(d.pixel_array, d).astype(np.float64)   # rescale applied
 * a.sum(), a.min(), a.max(), a[y, x]  (a[z, y, x] for multi-frame)
 * </pre>
 * Affines: nibabel's {@code dicomwrappers.wrapper_from_data(d).affine} (LPS, indexed row, column)
 * turned to RAS with diag(-1, -1, 1, 1) and its first two columns swapped, since SegForge indexes
 * (column, row) like NIfTI's x, y; the slice column is SpacingBetweenSlices along row × column.
 */
class DicomFormatTest {
    private final DicomFormat format = new DicomFormat();

    @TempDir
    Path tmp;

    private static double sum(float[] d) {
        double s = 0;
        for (float f : d) {
            s += f;
        }
        return s;
    }

    private static Path dicom(String name) {
        return SharedData.file("dicom/" + name);
    }

    @Test
    void ctSliceInHounsfieldUnitsWithItsGeometry() throws Exception {
        // sum -1950906, min -896, max 1167, a[20,10] = -690, a[127,127] = -115, a[64,64] = 904
        LoadedImage img = ImageFiles.read(dicom("CT_small.dcm"));
        Volume v = img.volume();
        assertThat(img.format()).isEqualTo("DICOM");
        assertThat(img.storedType()).isEqualTo(DataType.INT16);
        assertThat(v.shape()).containsExactly(128, 128, 1);
        assertThat(sum(v.data())).isEqualTo(-1950906.0);
        assertThat(v.range()).containsExactly(-896f, 1167f);
        assertThat(v.get(10, 20, 0)).isEqualTo(-690f);
        assertThat(v.get(127, 127, 0)).isEqualTo(-115f);
        assertThat(v.get(64, 64, 0)).isEqualTo(904f);
        Affine expected = Affine.of(-0.661468, 0, 0, 158.135803, 0, -0.661468, 0, 179.035797, 0, 0, 5, -75.699997, 0, 0, 0, 1);
        assertThat(v.affine().approxEquals(expected, 1e-6)).as(v.affine().toString()).isTrue();
        assertThat(img.header()).containsEntry("Modality", "CT").containsEntry("RescaleIntercept", -1024.0)
            .containsKey("TransferSyntax").doesNotContainKeys("PatientName", "PatientID", "PatientBirthDate");
        assertThat((String) img.header().get("TransferSyntax")).contains("Explicit VR Little Endian");
    }

    @Test
    void mrSlice() throws Exception {
        // sum 2125338, min 127, max 2145, a[20,10] = 228, a[63,63] = 862; spacing 0.3125, thickness 0.8
        Volume v = ImageFiles.readVolume(dicom("MR_small.dcm"));
        assertThat(v.shape()).containsExactly(64, 64, 1);
        assertThat(sum(v.data())).isEqualTo(2125338.0);
        assertThat(v.range()).containsExactly(127f, 2145f);
        assertThat(v.get(10, 20, 0)).isEqualTo(228f);
        assertThat(v.get(63, 63, 0)).isEqualTo(862f);
        Affine expected = Affine.of(-0.3125, 0, 0, 83.9063, 0, -0.3125, 0, 91.2, 0, 0, 0.8, 6.6406, 0, 0, 0, 1);
        assertThat(v.affine().approxEquals(expected, 1e-6)).as(v.affine().toString()).isTrue();
    }

    @Test
    void bigEndianTiltedCt() throws Exception {
        // Explicit VR Big Endian; sum -144786326, min -1024, max 3071, a[256,256] = -920.
        // Orientation (1,0,0 | 0,0.998135,-0.061049), SpacingBetweenSlices 20.037.
        LoadedImage img = ImageFiles.read(dicom("ser002img00001-16-signed.dcm"));
        Volume v = img.volume();
        assertThat(v.shape()).containsExactly(512, 512, 1);
        assertThat(sum(v.data())).isEqualTo(-144786326.0);
        assertThat(v.range()).containsExactly(-1024f, 3071f);
        assertThat(v.get(256, 256, 0)).isEqualTo(-920f);
        Affine expected = Affine.of(-0.429688, 0, 0, 110.0,
            0, -0.42888663188, -1.223238813, 130.495,
            0, -0.026232022712, 19.999630995, 12.981,
            0, 0, 0, 1);
        assertThat(v.affine().approxEquals(expected, 1e-4)).as(v.affine().toString()).isTrue();
        assertThat((String) img.header().get("TransferSyntax")).contains("Big Endian");
        assertThat(img.header()).containsEntry("SeriesDescription", "5mm Axial");
    }

    @Test
    void multiFrameFramesBecomeSlices() throws Exception {
        // 16 frames 256×256 uint8: sum 33832036, max 252, a[5,100,120] = 216, a[15,128,128] = 168,
        // frame sums a[0].sum() = 1975936, a[15].sum() = 2506108; no geometry: SliceThickness 10
        LoadedImage img = ImageFiles.read(dicom("MR-MONO2-8-16x-heart.dcm"));
        Volume v = img.volume();
        assertThat(v.shape()).containsExactly(256, 256, 16);
        assertThat(img.storedType()).isEqualTo(DataType.UINT8);
        assertThat(sum(v.data())).isEqualTo(33832036.0);
        assertThat(v.range()).containsExactly(0f, 252f);
        assertThat(v.get(120, 100, 5)).isEqualTo(216f);
        assertThat(v.get(128, 128, 15)).isEqualTo(168f);
        int n = 256 * 256;
        assertThat(sum(java.util.Arrays.copyOfRange(v.data(), 0, n))).isEqualTo(1975936.0);
        assertThat(sum(java.util.Arrays.copyOfRange(v.data(), 15 * n, 16 * n))).isEqualTo(2506108.0);
        assertThat(v.affine()).isEqualTo(Affine.scaling(-1, -1, 10));
        assertThat(img.header()).containsEntry("NumberOfFrames", 16);
    }

    @Test
    void oneBitSegmentationReadsAsBinaryMask() throws Exception {
        // liver_1frame.dcm: DICOM-SEG, BitsAllocated 1; pixel_array sum 36233, a[256,256] = 1,
        // first set pixel (row 145, column 254), last (366, 155). Geometry from the functional
        // groups: PixelSpacing 0.810547, SpacingBetweenSlices 1, frame 1 at (-235.2, -226.8, -128.69).
        LoadedImage img = ImageFiles.read(dicom("liver_1frame.dcm"));
        Volume v = img.volume();
        assertThat(v.shape()).containsExactly(512, 512, 1);
        assertThat(sum(v.data())).isEqualTo(36233.0);
        assertThat(v.range()).containsExactly(0f, 1f);
        assertThat(v.get(256, 256, 0)).isEqualTo(1f);
        assertThat(v.get(254, 145, 0)).isEqualTo(1f);
        assertThat(v.get(155, 366, 0)).isEqualTo(1f);
        Affine expected = Affine.of(-0.810547, 0, 0, 235.2, 0, -0.810547, 0, 226.8, 0, 0, 1, -128.69, 0, 0, 0, 1);
        assertThat(v.affine().approxEquals(expected, 1e-6)).as(v.affine().toString()).isTrue();
        assertThat(img.header()).containsEntry("Modality", "SEG").containsKey("Notes");
    }

    /**
     * The committed series (made by src/test/resources/reference/make_dicom_series.py): four
     * tilted slices with shuffled file names and InstanceNumbers, one with its own rescale.
     * The script printed: sum 2217349, min -98, max 3398, v[0,0,k] = 278, 378, 2004, 578,
     * v[31,23,3] = 1097, and the RAS affine below.
     */
    @Test
    void seriesFolderIsSortedAlongTheNormal() throws Exception {
        Path dir = Paths.get(DicomFormatTest.class.getResource("/dicom-series/oblique").toURI());
        LoadedImage img = ImageFiles.read(dir);
        Volume v = img.volume();
        assertThat(v.shape()).containsExactly(32, 24, 4);
        assertThat(sum(v.data())).isEqualTo(2217349.0);
        assertThat(v.range()).containsExactly(-98f, 3398f);
        assertThat(new float[] {v.get(0, 0, 0), v.get(0, 0, 1), v.get(0, 0, 2), v.get(0, 0, 3)})
            .containsExactly(278f, 378f, 2004f, 578f);
        assertThat(v.get(31, 23, 3)).isEqualTo(1097f);
        Affine expected = Affine.of(-0.661468, 0.0, 0.0, 158.135803,
            0.0, -0.621577, 0.85505, 179.035797,
            0.0, 0.226235, 2.349232, -75.699997,
            0, 0, 0, 1);
        assertThat(v.affine().approxEquals(expected, 2e-6)).as(v.affine().toString()).isTrue();
        assertThat((double) img.header().get("SliceSpacing")).isCloseTo(2.5, within(1e-5));
        assertThat(img.header()).containsEntry("Files", 4);
    }

    /**
     * dicom-series/by-instance (same script): three slices without ImagePositionPatient, ordered by
     * InstanceNumber only; v[0,0,k] = 1316, 2316, 3316, sum 325779; MR_small's SliceThickness 0.8,
     * PixelSpacing 0.3125, identity orientation, so the affine is diag(-0.3125, -0.3125, 0.8).
     */
    @Test
    void seriesWithoutPositionsFallsBackToInstanceNumber() throws Exception {
        Path dir = Paths.get(DicomFormatTest.class.getResource("/dicom-series/by-instance").toURI());
        LoadedImage img = ImageFiles.read(dir);
        Volume v = img.volume();
        assertThat(v.shape()).containsExactly(8, 6, 3);
        assertThat(new float[] {v.get(0, 0, 0), v.get(0, 0, 1), v.get(0, 0, 2)}).containsExactly(1316f, 2316f, 3316f);
        assertThat(sum(v.data())).isEqualTo(325779.0);
        assertThat(v.affine().approxEquals(Affine.scaling(-0.3125, -0.3125, 0.8), 1e-9)).as(v.affine().toString()).isTrue();
        assertThat((String) img.header().get("SliceOrder")).contains("InstanceNumber");
    }

    /**
     * The same images re-encoded by src/test/resources/reference/make_dicom_syntaxes.py (implicit
     * VR with and without the meta group; the SEG's nested sequences with undefined lengths) must
     * read exactly as the explicit-VR originals.
     */
    @Test
    void implicitVrAndBareDataSetsReadLikeTheOriginals() throws Exception {
        String[][] pairs = {{"mr_implicit.dcm", "MR_small.dcm"}, {"mr_acrnema.dcm", "MR_small.dcm"}, {"seg_implicit.dcm", "liver_1frame.dcm"}};
        for (String[] p : pairs) {
            Path re = Paths.get(DicomFormatTest.class.getResource("/dicom-syntaxes/" + p[0]).toURI());
            LoadedImage a = ImageFiles.read(re);
            Volume b = ImageFiles.readVolume(dicom(p[1]));
            assertThat(a.volume().shape()).as(p[0]).isEqualTo(b.shape());
            assertThat(a.volume().data()).as(p[0]).isEqualTo(b.data());
            assertThat(a.volume().affine()).as(p[0]).isEqualTo(b.affine());
            assertThat((String) a.header().get("TransferSyntax")).as(p[0]).contains("Implicit VR Little Endian");
        }
    }

    /**
     * Enhanced multi-frame SEGs from make_dicom_syntaxes.py: three 1-bit 64×64 frames (a liver
     * crop C with sum 3613, zeros, C flipped upside down) whose per-frame positions are z = -126.69,
     * -128.69, -127.69. Sorted along the normal they become zeros, flipped C, C. C's first row is
     * 0, its last row 1, its first set pixel is at row 5, column 24.
     */
    @Test
    void enhancedMultiFrameIsSortedByPerFramePositionsOrStackedInTime() throws Exception {
        Path f = Paths.get(DicomFormatTest.class.getResource("/dicom-syntaxes/seg_3frames.dcm").toURI());
        Volume v = ImageFiles.readVolume(f);
        assertThat(v.shape()).containsExactly(64, 64, 3);
        int n = 64 * 64;
        assertThat(sum(java.util.Arrays.copyOfRange(v.data(), 0, n))).isZero();
        assertThat(sum(java.util.Arrays.copyOfRange(v.data(), n, 2 * n))).isEqualTo(3613.0);
        assertThat(new float[] {v.get(0, 0, 1), v.get(0, 63, 1), v.get(0, 0, 2), v.get(0, 63, 2), v.get(24, 5, 2), v.get(23, 5, 2)})
            .containsExactly(1f, 0f, 0f, 1f, 1f, 0f);
        Affine expected = Affine.of(-0.810547, 0, 0, 235.2, 0, -0.810547, 0, 226.8, 0, 0, 1, -128.69, 0, 0, 0, 1);
        assertThat(v.affine().approxEquals(expected, 1e-6)).as(v.affine().toString()).isTrue();

        Path g = Paths.get(DicomFormatTest.class.getResource("/dicom-syntaxes/seg_oneplace.dcm").toURI());
        LoadedImage one = ImageFiles.read(g);
        Volume w = one.volume();
        assertThat(w.shape()).containsExactly(64, 64, 1, 3);
        assertThat(sum(w.frame(0).data())).isEqualTo(3613.0);
        assertThat(sum(w.frame(1).data())).isZero();
        assertThat(w.get(24, 5, 0, 0)).isEqualTo(1f);
        assertThat(w.get(0, 0, 0, 2)).isEqualTo(1f);
        assertThat(w.affine().approxEquals(expected, 1e-6)).as(w.affine().toString()).isTrue();
        assertThat((String) one.header().get("Notes")).contains("4th dimension");
    }

    /**
     * The NIfTI conversion of the same files by Debian's dcm2niix 1.0.20220720
     * ({@code dcm2niix -o out -f obl core/src/test/resources/dicom-series/oblique}), affine read
     * with nibabel's {@code nib.load(f).affine}. dcm2niix stores the rows bottom-up (its voxel
     * data equal ours with j reversed: checked in numpy, {@code a == stack[:, ::-1, :].T}), so our
     * voxel (i, j, k) must lie where its voxel (i, ny-1-j, k) lies.
     */
    @Test
    void worldPositionsAgreeWithDcm2niix() throws Exception {
        Affine obl = Affine.of(-0.661468, 0, 0, 158.135803, 0, 0.621577, 0.855052, 164.739532, 0, -0.226235, 2.349237, -70.49659, 0, 0, 0, 1);
        Affine ct = Affine.of(-0.661468, 0, 0, 158.135803, 0, 0.661468, 0, 95.029358, 0, 0, 5, -75.699997, 0, 0, 0, 1);
        Volume series = ImageFiles.readVolume(Paths.get(DicomFormatTest.class.getResource("/dicom-series/oblique").toURI()));
        Volume slice = ImageFiles.readVolume(dicom("CT_small.dcm"));
        for (Object[] c : new Object[][] {{series, obl}, {slice, ct}}) {
            Volume v = (Volume) c[0];
            Affine d = (Affine) c[1];
            for (int i : new int[] {0, v.nx() - 1}) {
                for (int j : new int[] {0, v.ny() - 1}) {
                    for (int k : new int[] {0, v.nz() - 1}) {
                        double[] ours = v.affine().apply(i, j, k);
                        double[] theirs = d.apply(i, v.ny() - 1 - j, k);
                        for (int a = 0; a < 3; a++) {
                            assertThat(ours[a]).as("voxel %d,%d,%d axis %d", i, j, k, a).isCloseTo(theirs[a], within(1e-4));
                        }
                    }
                }
            }
        }
    }

    private Path copySeries(String... names) throws Exception {
        Path src = Paths.get(DicomFormatTest.class.getResource("/dicom-series/oblique").toURI());
        Path dir = Files.createDirectories(tmp.resolve("series" + System.nanoTime()));
        for (String n : names) {
            Files.copy(src.resolve(n), dir.resolve(n));
        }
        return dir;
    }

    @Test
    void seriesWithAGapOrAStrangerIsRefusedClearly() throws Exception {
        // a.dcm is slice 1 and d.dcm slice 2: without them the gaps are 2.5 and 5 mm
        Path gap = copySeries("c.dcm", "b.dcm", "a.dcm");
        assertThatThrownBy(() -> ImageFiles.read(gap)).isInstanceOf(DataException.class)
            .hasMessageStartingWith(gap.toString()).hasMessageContaining("not uniform");
        Path mixed = copySeries("a.dcm", "b.dcm");
        Files.copy(dicom("CT_small.dcm"), mixed.resolve("z.dcm"));
        assertThatThrownBy(() -> ImageFiles.read(mixed)).isInstanceOf(DataException.class)
            .hasMessageContaining("z.dcm").hasMessageContaining("128×128");
        Path dup = copySeries("a.dcm");
        Files.copy(dup.resolve("a.dcm"), dup.resolve("a2.dcm"));
        assertThatThrownBy(() -> ImageFiles.read(dup)).isInstanceOf(DataException.class)
            .hasMessageContaining("same position");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ImageFiles.read(empty)).isInstanceOf(DataException.class)
            .hasMessageContaining("no DICOM files");
    }

    @Test
    void compressedTransferSyntaxIsNamed() throws Exception {
        // Rewrite the transfer syntax UID in the meta group of a copy to JPEG 2000 (same length
        // after padding: "1.2.840.10008.1.2.1" is 19+1 bytes, "1.2.840.10008.1.2.4.91" is 22)
        byte[] b = Files.readAllBytes(dicom("MR_small.dcm"));
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = s.indexOf("1.2.840.10008.1.2.1");
        // the element's 2-byte length sits just before the value
        int len = (b[at - 2] & 0xFF) | (b[at - 1] & 0xFF) << 8;
        assertThat(len).isEqualTo(20);
        byte[] uid = "1.2.840.10008.1.2.5\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // RLE, 20 bytes
        System.arraycopy(uid, 0, b, at, 20);
        Path f = tmp.resolve("rle.dcm");
        Files.write(f, b);
        assertThatThrownBy(() -> ImageFiles.read(f)).isInstanceOf(DataException.class)
            .hasMessageStartingWith(f.toString()).hasMessageContaining("1.2.840.10008.1.2.5").hasMessageContaining("RLE");
    }

    @Test
    void filesWithThePreambleAreFoundWithoutAnEnding() throws Exception {
        Path f = tmp.resolve("IM0001");
        Files.copy(dicom("MR_small.dcm"), f);
        assertThat(format.accepts(f)).isTrue();
        assertThat(ImageFiles.readVolume(f).shape()).containsExactly(64, 64, 1);
        Path txt = tmp.resolve("notes");
        Files.writeString(txt, "hello");
        assertThat(format.accepts(txt)).isFalse();
    }

    @Test
    void truncatedPixelDataNameTheFile() throws Exception {
        byte[] b = Files.readAllBytes(dicom("CT_small.dcm"));
        Path f = tmp.resolve("cut.dcm");
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 1000));
        assertThatThrownBy(() -> ImageFiles.read(f)).isInstanceOf(DataException.class)
            .hasMessageStartingWith(f.toString()).hasMessageContaining("truncated");
    }
}
