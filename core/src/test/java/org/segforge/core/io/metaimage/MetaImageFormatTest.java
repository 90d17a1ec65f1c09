package org.segforge.core.io.metaimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.LoadedImage;

class MetaImageFormatTest {
    private final MetaImageFormat format = new MetaImageFormat();

    @TempDir
    Path tmp;

    /**
     * The BrainWeb memberships: 181×217, 4 float channels per pixel. Reference values from
     * /usr/bin/python3 (numpy 1.24):
     * <pre>
     * a = np.fromfile("brainweb-2d/BayesianClassifierInitializerMemberships.raw", dtype="&lt;f4").reshape(217, 181, 4)
     * a[..., c].astype(np.float64).sum()   # 524.3352218635287, 23.44928970792409, 434.60738286761557, 235.04104920189005
     * a[..., c].max()                      # 0.053299572, 0.017567763, 0.038396284, 0.028208924
     * a[100, 90, :]                        # 0.0, 1.6369738e-07, 0.004603456, 0.015817422
     * a[216, 180, 3]                       # 3e-45 (a subnormal float)
     * </pre>
     */
    @Test
    void readsBrainWebMembershipsWithChannelsAsFrames() throws Exception {
        LoadedImage img = ImageFiles.read(SharedData.file("brainweb-2d/BayesianClassifierInitializerMemberships.mhd"));
        Volume v = img.volume();
        assertThat(img.format()).isEqualTo("MetaImage");
        assertThat(img.storedType()).isEqualTo(DataType.FLOAT32);
        assertThat(v.shape()).containsExactly(181, 217, 1, 4);
        double[] sums = {524.3352218635287, 23.44928970792409, 434.60738286761557, 235.04104920189005};
        float[] maxima = {0.053299572f, 0.017567763f, 0.038396284f, 0.028208924f};
        float[] at90x100 = {0.0f, 1.6369738e-07f, 0.004603456f, 0.015817422f};
        for (int c = 0; c < 4; c++) {
            Volume ch = v.frame(c);
            double s = 0;
            for (float f : ch.data()) {
                s += f;
            }
            assertThat(s).isCloseTo(sums[c], org.assertj.core.data.Offset.offset(1e-9));
            assertThat(ch.range()[1]).isEqualTo(maxima[c]);
            assertThat(v.get(90, 100, 0, c)).isEqualTo(at90x100[c]);
        }
        assertThat(v.get(180, 216, 0, 3)).isEqualTo(3e-45f);
        // identity LPS geometry → RAS with x and y negated
        assertThat(v.affine()).isEqualTo(Affine.scaling(-1, -1, 1));
        assertThat(img.header()).containsEntry("ElementNumberOfChannels", "4").containsEntry("ElementType", "MET_FLOAT");
    }

    /** An oblique geometry with distinct spacings, so that a transposed matrix or a lost sign shows. */
    private static Affine oblique() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        // rotation about z, spacings 0.7, 1.3, 2.5, origin (10.5, -20.25, 7)
        return Affine.of(c * 0.7, -s * 1.3, 0, 10.5, s * 0.7, c * 1.3, 0, -20.25, 0, 0, 2.5, 7, 0, 0, 0, 1);
    }

    private static Volume randomVolume(DataType t, int nt, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nx = 7, ny = 5, nz = 3;
        float[] d = new float[nx * ny * nz * nt];
        for (int i = 0; i < d.length; i++) {
            d[i] = switch (t) {
                case UINT8 -> rng.nextInt(256);
                case INT8 -> rng.nextInt(256) - 128;
                case INT16 -> rng.nextInt(65536) - 32768;
                case UINT16 -> rng.nextInt(65536);
                // integers that float32 holds exactly, across the type's sign range
                case INT32, INT64 -> rng.nextInt(1 << 25) - (1 << 24);
                case UINT32 -> rng.nextInt(1 << 24);
                case FLOAT32, FLOAT64 -> (float) (rng.nextGaussian() * 1e3);
            };
        }
        d[0] = (float) Math.max(t.min(), -1e7); // the extremes of small types survive too
        d[1] = (float) Math.min(t.max(), 1e7);
        if (t.isInteger()) {
            d[0] = (float) Math.rint(d[0]);
            d[1] = (float) Math.rint(d[1]);
        }
        return new Volume(nx, ny, nz, nt, d, oblique());
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void roundTripsEveryTypeBitExactInMhdAndMhaCompressedOrNot(DataType t) throws Exception {
        Volume v = randomVolume(t, 1, 42 + t.ordinal());
        for (String ending : new String[] {".mhd", ".mha"}) {
            for (boolean compress : new boolean[] {false, true}) {
                Path f = tmp.resolve("rt_" + t + (compress ? "_z" : "") + ending);
                format.write(v, f, t, compress);
                LoadedImage back = ImageFiles.read(f);
                assertThat(back.storedType()).as(f.toString()).isEqualTo(t);
                assertThat(back.volume().shape()).isEqualTo(v.shape());
                assertThat(back.volume().data()).as(f.toString()).isEqualTo(v.data());
                assertThat(back.volume().affine().approxEquals(v.affine(), 1e-12)).as(back.volume().affine().toString()).isTrue();
            }
        }
    }

    @Test
    void fourDimensionalRoundTripAndTypeChoice() throws Exception {
        Volume v = randomVolume(DataType.INT16, 3, 7);
        Path f = tmp.resolve("four.mha");
        format.write(v, f, null);
        LoadedImage back = format.read(f);
        assertThat(back.storedType()).isEqualTo(DataType.INT16); // smallest exact type
        assertThat(back.volume().shape()).containsExactly(7, 5, 3, 3);
        assertThat(back.volume().data()).isEqualTo(v.data());
        assertThat(back.header()).containsEntry("NDims", "4");
    }

    /** ITK's own file, written back by SegForge and read again, keeps voxels and geometry. */
    @Test
    void itkFileSurvivesARoundTrip() throws Exception {
        Volume v = format.read(SharedData.file("brainweb-2d/BayesianClassifierInitializerMemberships.mhd")).volume();
        for (String name : new String[] {"m.mha", "m.mhd"}) {
            Path f = tmp.resolve(name);
            format.write(v, f, null, name.endsWith(".mha"));
            LoadedImage back = format.read(f);
            assertThat(back.storedType()).isEqualTo(DataType.FLOAT32);
            assertThat(back.volume().shape()).containsExactly(181, 217, 1, 4);
            assertThat(back.volume().data()).isEqualTo(v.data());
            assertThat(back.volume().affine()).isEqualTo(v.affine());
        }
    }

    @Test
    void writesTheRawBesideTheHeaderAndNoTemporaryFiles() throws Exception {
        Volume v = randomVolume(DataType.UINT8, 1, 1);
        format.write(v, tmp.resolve("a.mhd"), DataType.UINT8);
        format.write(v, tmp.resolve("b.mhd"), DataType.UINT8, true);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("a.mhd", "a.raw", "b.mhd", "b.zraw");
        }
        assertThat(Files.size(tmp.resolve("a.raw"))).isEqualTo(7 * 5 * 3);
        String header = Files.readString(tmp.resolve("a.mhd"));
        assertThat(header).contains("ElementType = MET_UCHAR").contains("ElementDataFile = a.raw").contains("DimSize = 7 5 3");
    }

    /** A big-endian, 2D, MET_SHORT file written by hand, as another tool would write it. */
    @Test
    void readsBigEndianTwoDimensionalWithOffsetAndSpacing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("ObjectType = Image\nNDims = 2\nBinaryData = True\nBinaryDataByteOrderMSB = True\n"
            + "TransformMatrix = 0 1 1 0\nOffset = 3 4\nElementSpacing = 0.5 2\nDimSize = 3 2\n"
            + "ElementType = MET_SHORT\nElementDataFile = LOCAL\n").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        for (short s : new short[] {-300, 1, 2, 3, 4, 32767}) {
            b.putShort(s);
        }
        out.writeBytes(b.array());
        Path f = tmp.resolve("be.mha");
        Files.write(f, out.toByteArray());
        Volume v = format.read(f).volume();
        assertThat(v.shape()).containsExactly(3, 2, 1);
        assertThat(v.data()).containsExactly(-300, 1, 2, 3, 4, 32767);
        // axis 0 points along LPS y, axis 1 along LPS x; RAS negates both rows, z stays unit
        assertThat(v.affine()).isEqualTo(Affine.of(0, -2, 0, -3, -0.5, 0, 0, -4, 0, 0, 1, 0, 0, 0, 0, 1));
    }

    @Test
    void refusesValuesTheTypeCannotHold() {
        Volume v = Volume.image2d(2, 1, new float[] {0.5f, 1});
        assertThatThrownBy(() -> format.write(v, tmp.resolve("x.mha"), DataType.UINT8))
            .isInstanceOf(DataException.class).hasMessageContaining("x.mha").hasMessageContaining("uint8");
        Volume w = Volume.image2d(2, 1, new float[] {0.5f, 1});
        assertThat(Samples.smallestType(w.data())).isEqualTo(DataType.FLOAT32);
    }

    @Test
    void truncatedOrMissingDataNameTheFile() throws Exception {
        Volume v = randomVolume(DataType.INT16, 1, 3);
        Path f = tmp.resolve("t.mhd");
        format.write(v, f, DataType.INT16);
        byte[] raw = Files.readAllBytes(tmp.resolve("t.raw"));
        Files.write(tmp.resolve("t.raw"), java.util.Arrays.copyOf(raw, raw.length - 1));
        assertThatThrownBy(() -> format.read(f)).isInstanceOf(DataException.class)
            .hasMessageStartingWith(f.toString()).hasMessageContaining("truncated");
        Files.delete(tmp.resolve("t.raw"));
        assertThatThrownBy(() -> format.read(f)).isInstanceOf(DataException.class)
            .hasMessageStartingWith(f.toString()).hasMessageContaining("does not exist");

        Path z = tmp.resolve("z.mha");
        format.write(v, z, DataType.INT16, true);
        byte[] all = Files.readAllBytes(z);
        Files.write(z, java.util.Arrays.copyOf(all, all.length - 20));
        assertThatThrownBy(() -> format.read(z)).isInstanceOf(DataException.class).hasMessageStartingWith(z.toString());
    }

    @Test
    void hugeDimensionsAreRefusedBeforeAllocating() throws Exception {
        Path f = tmp.resolve("huge.mha");
        Files.writeString(f, "ObjectType = Image\nNDims = 3\nDimSize = 100000 100000 100000\nElementType = MET_FLOAT\nElementDataFile = LOCAL\n");
        assertThatThrownBy(() -> format.read(f)).isInstanceOf(DataException.class)
            .hasMessageStartingWith(f.toString()).hasMessageContaining("limit");
    }
}
