package org.segforge.core.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.LoadedImage;
import org.segforge.core.io.ReadLimits;

/** Each way a NIfTI file can be wrong ends in one clear DataException that names the file. */
class NiftiErrorsTest {
    @TempDir
    Path dir;
    private byte[] good;
    private byte[] goodGz;

    @BeforeEach
    void writeGoodFile() throws DataException, IOException {
        float[] d = new float[5 * 4 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = i * 100 - 3000;
        }
        Volume v = new Volume(5, 4, 3, d, Affine.scaling(1, 2, 3));
        Path p = dir.resolve("good.nii");
        ImageFiles.write(v, p, DataType.INT16);
        good = Files.readAllBytes(p);
        assertThat(good).hasSize(352 + 120);
        ImageFiles.write(v, dir.resolve("good.nii.gz"), DataType.INT16);
        goodGz = Files.readAllBytes(dir.resolve("good.nii.gz"));
    }

    private Path craft(String name, Consumer<ByteBuffer> patch) throws IOException {
        byte[] b = good.clone();
        patch.accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Path p) {
        return assertThatThrownBy(() -> ImageFiles.read(p)).isInstanceOf(DataException.class)
            .hasMessageStartingWith(p.toString() + ": ");
    }

    @Test
    void wrongMagic() throws IOException {
        refused(craft("magic.nii", b -> b.put(344, (byte) 'x'))).hasMessageContaining("not a NIfTI file (magic 'x+1'");
    }

    @Test
    void analyzeOrOtherFilesAreNotNifti() throws IOException {
        refused(craft("size.nii", b -> b.putInt(0, 1234))).hasMessageContaining("not a NIfTI file (sizeof_hdr 1234");
        Path empty = dir.resolve("empty.nii");
        Files.write(empty, new byte[0]);
        refused(empty).hasMessageContaining("not a NIfTI file (only 0 bytes)");
        Path text = dir.resolve("text.nii.gz");
        Files.writeString(text, "hello, this is not an image at all");
        refused(text).hasMessageContaining("not a NIfTI file");
    }

    @Test
    void headerPairsAreRefusedWithAHint() throws IOException {
        refused(craft("pair.nii", b -> b.put(345, (byte) 'i'))).hasMessageContaining(".hdr/.img");
    }

    @Test
    void truncatedVoxels() throws IOException {
        Path p = dir.resolve("short.nii");
        Files.write(p, Arrays.copyOf(good, 352 + 30));
        refused(p).hasMessageContaining("truncated: expected 120 bytes of voxel data, found 30");
        Path hdr = dir.resolve("hdr.nii");
        Files.write(hdr, Arrays.copyOf(good, 200));
        refused(hdr).hasMessageContaining("truncated: the NIfTI-1 header needs 348 bytes, found 200");
    }

    @Test
    void truncatedAndCorruptGzip() throws IOException {
        Path cut = dir.resolve("cut.nii.gz");
        Files.write(cut, Arrays.copyOf(goodGz, goodGz.length - 20));
        refused(cut).hasMessageContaining("truncated");
        Path bad = dir.resolve("bad.nii.gz");
        byte[] b = goodGz.clone();
        b[b.length - 6] ^= 0x55; // the CRC in the trailer: the data inflates but does not match
        Files.write(bad, b);
        refused(bad).hasMessageContaining("corrupt gzip data").hasMessageContaining("CRC");
        Path garbage = dir.resolve("garbage.nii.gz");
        byte[] g = goodGz.clone();
        for (int i = 12; i < g.length - 8; i++) {
            g[i] = (byte) (i * 31);
        }
        Files.write(garbage, g);
        refused(garbage).hasMessageContaining("gzip");
    }

    @Test
    void unsupportedDatatype() throws IOException {
        refused(craft("rgb.nii", b -> b.putShort(70, (short) 128))).hasMessageContaining("unsupported datatype 128");
        refused(craft("complex.nii", b -> b.putShort(70, (short) 32))).hasMessageContaining("unsupported datatype 32");
    }

    @Test
    void badDimensions() throws IOException {
        refused(craft("zero.nii", b -> b.putShort(42, (short) 0))).hasMessageContaining("dim[1] = 0 is not positive");
        refused(craft("neg.nii", b -> b.putShort(44, (short) -4))).hasMessageContaining("dim[2] = -4 is not positive");
        refused(craft("ndim.nii", b -> b.putShort(40, (short) 9))).hasMessageContaining("dim[0] = 9");
        refused(craft("dim5.nii", b -> {
            b.putShort(40, (short) 5);
            b.putShort(48, (short) 1);
            b.putShort(50, (short) 2);
        })).hasMessageContaining("dim[5] = 2").hasMessageContaining("more than 4 dimensions");
        // 32767³ voxels: refused by the voxel limit before anything is allocated
        refused(craft("huge.nii", b -> {
            b.putShort(42, Short.MAX_VALUE);
            b.putShort(44, Short.MAX_VALUE);
            b.putShort(46, Short.MAX_VALUE);
        })).hasMessageContaining("more than the limit").hasMessageContaining(ReadLimits.PROPERTY);
        // within the limit but far more than the file holds: refused by the file size, not by allocating
        refused(craft("big.nii", b -> b.putShort(46, (short) 3000))).hasMessageContaining("truncated: expected 120000 bytes");
    }

    @Test
    void nifti2DimensionsThatOverflowAreRefused() throws IOException {
        byte[] b = Files.readAllBytes(NiftiFixturesTest.fixture("nifti2_float32.nii"));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(24, 1L << 30).putLong(32, 1L << 30).putLong(40, 1L << 30); // dim[1..3] at 16 + 8i
        Path p = dir.resolve("n2.nii");
        Files.write(p, b);
        refused(p).hasMessageContaining("dimensions overflow a 64-bit voxel count");
        bb.putLong(24, 1L << 33).putLong(32, 1).putLong(40, 1);
        Files.write(p, b);
        refused(p).hasMessageContaining("dim[1] = 8589934592 is too large");
    }

    @Test
    void hugeDimsInAGzipFileAreRefusedBeforeAllocating() throws IOException {
        byte[] plain = good.clone();
        ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN).putShort(42, (short) 1000).putShort(44, (short) 1000);
        Path p = dir.resolve("bomb.nii.gz");
        Files.write(p, org.segforge.core.io.fuzz.Mutations.gzip(plain));
        refused(p).hasMessageContaining("truncated").hasMessageContaining("gzip file of");
    }

    @Test
    void badVoxOffset() throws IOException {
        refused(craft("off.nii", b -> b.putFloat(108, 100))).hasMessageContaining("vox_offset 100.0 is invalid");
        refused(craft("frac.nii", b -> b.putFloat(108, 360.5f))).hasMessageContaining("vox_offset 360.5");
        refused(craft("nan.nii", b -> b.putFloat(108, Float.NaN))).hasMessageContaining("vox_offset NaN");
        refused(craft("far.nii", b -> b.putFloat(108, 1e9f))).hasMessageContaining("truncated: expected 120 bytes of voxel data, found 0");
    }

    @Test
    void voxOffsetZeroMeansTheStandardMinimum() throws IOException, DataException {
        LoadedImage img = ImageFiles.read(craft("zero-offset.nii", b -> b.putFloat(108, 0)));
        assertThat(img.volume().data()[0]).isEqualTo(-3000f);
    }

    @Test
    void voxOffsetIsHonoured() throws IOException, DataException {
        // move the voxels 48 bytes further and say so: padding between header and data is allowed
        byte[] b = new byte[good.length + 48];
        System.arraycopy(good, 0, b, 0, 352);
        System.arraycopy(good, 352, b, 400, 120);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(108, 400);
        Path p = dir.resolve("padded.nii");
        Files.write(p, b);
        LoadedImage img = ImageFiles.read(p);
        assertThat(img.volume().data()[1]).isEqualTo(-2900f);
        assertThat(img.header()).containsEntry("vox_offset", 400L);
    }

    @Test
    void malformedExtensionIsSkippedWithANote() throws IOException, DataException {
        byte[] b = new byte[good.length + 48];
        System.arraycopy(good, 0, b, 0, 352);
        System.arraycopy(good, 352, b, 400, 120);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putFloat(108, 400);
        bb.put(348, (byte) 1);
        bb.putInt(352, 16).putInt(356, 6); // a good 16-byte comment …
        bb.putInt(368, 13).putInt(372, 6); // … then an esize that is not a multiple of 16
        Path p = dir.resolve("badext.nii");
        Files.write(p, b);
        LoadedImage img = ImageFiles.read(p);
        assertThat(img.header().get("extensions")).isEqualTo(List.of("code 6, 16 bytes"));
        assertThat((String) img.header().get("extensions_note")).contains("esize 13");
        assertThat(img.volume().data()[0]).isEqualTo(-3000f);
    }

    @Test
    void slopeZeroOrNanMeansNoScaling() throws IOException, DataException {
        assertThat(ImageFiles.read(craft("s0.nii", b -> b.putFloat(112, 0).putFloat(116, 5))).volume().data()[0]).isEqualTo(-3000f);
        assertThat(ImageFiles.read(craft("snan.nii", b -> b.putFloat(112, Float.NaN))).volume().data()[0]).isEqualTo(-3000f);
        assertThat(ImageFiles.read(craft("s2.nii", b -> b.putFloat(112, 2).putFloat(116, 1))).volume().data()[0]).isEqualTo(-5999f);
    }

    @Test
    void corruptTransformsFallBackToTheNextMethod() throws IOException, DataException {
        LoadedImage img = ImageFiles.read(craft("sform-nan.nii", b -> b.putFloat(280, Float.NaN)));
        assertThat(img.header()).containsEntry("affine_from", "qform");
        assertThat(img.volume().spacing()).containsExactly(1, 2, 3);
    }

    @Test
    void aFolderIsNotAFile() throws IOException {
        Path folder = dir.resolve("folder.nii");
        Files.createDirectory(folder);
        refused(folder).hasMessageContaining("cannot read");
    }
}
