package org.segforge.core.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.LoadedImage;

/** Write → read gives back the same voxels bit for bit and the same geometry, for every type. */
public class NiftiRoundTripTest {
    @TempDir
    Path dir;

    /** A rotation about an oblique axis, mirrored z, anisotropic voxels and an origin. */
    static Affine oblique() {
        double c = Math.cos(0.4), s = Math.sin(0.4);
        Affine rz = Affine.of(c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
        double c2 = Math.cos(-0.25), s2 = Math.sin(-0.25);
        Affine rx = Affine.of(1, 0, 0, 0, 0, c2, -s2, 0, 0, s2, c2, 0, 0, 0, 0, 1);
        Affine scale = Affine.of(0.8, 0, 0, 0, 0, 1.2, 0, 0, 0, 0, -2.5, 0, 0, 0, 0, 1);
        Affine shift = Affine.of(1, 0, 0, -91.5, 0, 1, 0, 17.25, 0, 0, 1, 40, 0, 0, 0, 1);
        return shift.multiply(rz).multiply(rx).multiply(scale);
    }

    /** Values that the type holds exactly, including both ends of its range where float32 can. */
    static float[] valuesFor(DataType t, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (t) {
                case FLOAT32 -> (float) (rng.nextDouble(-1e6, 1e6) * (i % 3 == 0 ? 1e-9 : 1));
                case FLOAT64 -> (float) rng.nextGaussian();
                case INT64 -> (float) rng.nextLong(-(1L << 40), 1L << 40);
                case UINT32 -> (float) rng.nextLong(0, 1L << 32);
                case INT32 -> (float) rng.nextInt();
                default -> (float) rng.nextLong((long) t.min(), (long) t.max() + 1);
            };
        }
        if (t.isInteger() && t != DataType.INT64 && t != DataType.UINT32 && t != DataType.INT32) {
            v[0] = (float) t.min();
            v[1] = (float) t.max();
        }
        if (!t.isInteger()) {
            v[0] = Float.NaN;
            v[1] = Float.NEGATIVE_INFINITY;
            v[2] = Float.MIN_VALUE;
        }
        return v;
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DataType t : DataType.values()) {
            for (String ending : new String[] {".nii", ".nii.gz"}) {
                for (int nt : new int[] {1, 3}) {
                    b.add(Arguments.of(t, ending, nt));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} nt={2}")
    @MethodSource("cases")
    void roundTripIsBitExact(DataType type, String ending, int nt) throws DataException {
        int nx = 7, ny = 5, nz = 4;
        float[] values = valuesFor(type, nx * ny * nz * nt, type.ordinal() * 31L + nt);
        Volume v = new Volume(nx, ny, nz, nt, values, oblique());
        Path file = dir.resolve("img" + ending);
        ImageFiles.write(v, file, type);
        LoadedImage back = ImageFiles.read(file);
        assertThat(back.storedType()).isEqualTo(type);
        assertThat(back.volume().shape()).containsExactly(v.shape());
        float[] got = back.volume().data();
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToIntBits(got[i])).as("voxel %d: %s vs %s", i, got[i], values[i])
                .isEqualTo(Float.floatToIntBits(values[i]));
        }
        // the sform is stored in float32: equal to float precision
        assertThat(back.volume().affine().approxEquals(v.affine(), 1e-4)).isTrue();
        assertThat(back.header()).containsEntry("sform_code", 2).containsEntry("qform_code", 2)
            .containsEntry("vox_offset", 352L).containsEntry("xyzt_units", 10).containsEntry("magic", "n+1");
    }

    @Test
    void qformAloneReconstructsARotatedAffine() throws DataException, IOException {
        Volume v = new Volume(3, 4, 5, new float[60], oblique());
        Path file = dir.resolve("q.nii");
        ImageFiles.write(v, file, DataType.UINT8);
        // drop the sform (sform_code = 0 at byte 254): readers must then fall back to the qform
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0);
        Files.write(file, bytes);
        LoadedImage back = ImageFiles.read(file);
        assertThat(back.header()).containsEntry("affine_from", "qform");
        assertThat(back.volume().affine().approxEquals(v.affine(), 1e-5))
            .as("%s vs %s", back.volume().affine(), v.affine()).isTrue();
        assertThat((java.util.List<?>) back.header().get("pixdim")).first().isEqualTo(-1.0); // mirrored z: qfac -1
    }

    @Test
    void gzipIsToldByContentNotEnding() throws Exception {
        Volume v = new Volume(4, 3, 2, valuesFor(DataType.INT16, 24, 5), oblique());
        Path gz = dir.resolve("a.nii.gz");
        ImageFiles.write(v, gz, DataType.INT16);
        Path plain = dir.resolve("b.nii");
        Files.copy(gz, plain);
        assertThat(ImageFiles.read(plain).volume().data()).containsExactly(v.data());
        Path notGz = dir.resolve("c.nii.gz");
        ImageFiles.write(v, dir.resolve("c.nii"), DataType.INT16);
        Files.copy(dir.resolve("c.nii"), notGz);
        assertThat(ImageFiles.read(notGz).volume().data()).containsExactly(v.data());
    }

    @Test
    void nullTypeChoosesTheSmallestIntegerTypeOrFloat32() {
        assertThat(NiftiWriter.smallestType(new float[] {0, 1, 255})).isEqualTo(DataType.UINT8);
        assertThat(NiftiWriter.smallestType(new float[] {-1, 127})).isEqualTo(DataType.INT8);
        assertThat(NiftiWriter.smallestType(new float[] {-1, 128})).isEqualTo(DataType.INT16);
        assertThat(NiftiWriter.smallestType(new float[] {0, 40000})).isEqualTo(DataType.UINT16);
        assertThat(NiftiWriter.smallestType(new float[] {-1, 40000})).isEqualTo(DataType.INT32);
        assertThat(NiftiWriter.smallestType(new float[] {0, 3e9f})).isEqualTo(DataType.UINT32);
        assertThat(NiftiWriter.smallestType(new float[] {-1, 3e9f})).isEqualTo(DataType.INT64);
        assertThat(NiftiWriter.smallestType(new float[] {0, 1e20f})).isEqualTo(DataType.FLOAT32);
        assertThat(NiftiWriter.smallestType(new float[] {0, 0.5f})).isEqualTo(DataType.FLOAT32);
        assertThat(NiftiWriter.smallestType(new float[] {0, Float.NaN})).isEqualTo(DataType.FLOAT32);
    }

    @Test
    void nullTypeRoundTripsALabelMapAsUint8() throws DataException {
        Volume v = new Volume(3, 2, 2, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255}, Affine.scaling(1, 1, 2));
        Path file = dir.resolve("labels.nii.gz");
        ImageFiles.write(v, file);
        LoadedImage back = ImageFiles.read(file);
        assertThat(back.storedType()).isEqualTo(DataType.UINT8);
        assertThat(back.volume().data()).containsExactly(v.data());
    }

    @Test
    void valuesTheTypeCannotHoldAreRefusedAndLeaveNoFile() throws IOException {
        Volume v = new Volume(2, 2, 1, new float[] {0, 1, 256, 3}, null);
        Path file = dir.resolve("x.nii.gz");
        assertThatThrownBy(() -> ImageFiles.write(v, file, DataType.UINT8)).isInstanceOf(DataException.class)
            .hasMessageContaining(file.toString()).hasMessageContaining("256").hasMessageContaining("(0, 1, 0)");
        Volume nan = new Volume(2, 1, 1, new float[] {Float.NaN, 1}, null);
        assertThatThrownBy(() -> ImageFiles.write(nan, file, DataType.INT16)).isInstanceOf(DataException.class)
            .hasMessageContaining("NaN");
        Volume frac = new Volume(2, 1, 1, new float[] {1.5f, 1}, null);
        assertThatThrownBy(() -> ImageFiles.write(frac, file, DataType.INT32)).isInstanceOf(DataException.class)
            .hasMessageContaining("not a whole number");
        Volume neg = new Volume(2, 1, 1, new float[] {0, -1}, null);
        assertThatThrownBy(() -> ImageFiles.write(neg, dir.resolve("y.nii"), DataType.UINT16))
            .isInstanceOf(DataException.class).hasMessageContaining("out of the range");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).as("no file and no .part leftovers").isEmpty();
        }
    }

    @Test
    void failedOverwriteKeepsTheOldFile() throws Exception {
        Path file = dir.resolve("keep.nii");
        Volume good = new Volume(2, 1, 1, new float[] {1, 2}, null);
        ImageFiles.write(good, file, DataType.UINT8);
        byte[] before = Files.readAllBytes(file);
        // the bad voxel is in the second chunk of a large volume, so the failure happens mid-write
        float[] big = new float[(1 << 20) + 10];
        big[big.length - 1] = -5;
        Volume bad = new Volume(big.length, 1, 1, big, null);
        assertThatThrownBy(() -> ImageFiles.write(bad, file, DataType.UINT8)).isInstanceOf(DataException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(file);
        }
    }

    @Test
    void wrongEndingIsRefused() {
        assertThatThrownBy(() -> NiftiWriter.write(new Volume(1, 1, 1, new float[1], null), dir.resolve("a.img"), null))
            .isInstanceOf(DataException.class).hasMessageContaining(".nii");
    }

    @Test
    void writtenFileIsTheOneNibabelValidated() throws Exception {
        // src/test/resources/nifti/written_by_segforge.nii.gz was written by this code from the volume
        // below and loaded by nibabel (see reference/check_written_by_segforge.py and its output there);
        // the writer is deterministic (gzip mtime 0), so equal bytes mean nibabel still reads ours the same.
        Path file = dir.resolve("written_by_segforge.nii.gz");
        ImageFiles.write(nibabelCheckVolume(), file, DataType.INT16);
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(NiftiFixturesTest.fixture("written_by_segforge.nii.gz")));
    }

    /** 6×5×4 int16 voxels v = 13·i − 500 (x-fastest), oblique affine: see check_written_by_segforge.py. */
    public static Volume nibabelCheckVolume() {
        float[] d = new float[6 * 5 * 4];
        for (int i = 0; i < d.length; i++) {
            d[i] = 13 * i - 500;
        }
        return new Volume(6, 5, 4, d, oblique());
    }
}
