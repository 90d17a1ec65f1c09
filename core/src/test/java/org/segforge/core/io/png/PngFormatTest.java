package org.segforge.core.io.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;
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
 * Reference values come from Debian's /usr/bin/python3 with PIL 9.4.0 and numpy:
 * {@code arr = np.array(Image.open(f))} (palette images: {@code np.array(im.convert('RGB'))}),
 * sums as {@code int(arr.astype(np.int64).sum())}, luma as
 * {@code 0.299*arr[...,0] + 0.587*arr[...,1] + 0.114*arr[...,2]} in float64, pixel (x, y) as
 * {@code arr[y, x]}. The small fixtures in src/test/resources/png were made by
 * src/test/resources/reference/make_png_fixtures.py.
 */
class PngFormatTest {
    private final PngFormat format = new PngFormat();

    @TempDir
    Path tmp;

    private static double sum(float[] d) {
        double s = 0;
        for (float f : d) {
            s += f;
        }
        return s;
    }

    private static Path resource(String name) throws Exception {
        return Paths.get(PngFormatTest.class.getResource("/png/" + name).toURI());
    }

    @Test
    void eightBitGrayKeepsItsValues() throws Exception {
        // cell.png: mode L 550×660, sum 24669746, min 0, max 255, arr[20,10] = 72, arr[330,275] = 58
        LoadedImage img = ImageFiles.read(SharedData.file("retina-cells-2d/cell.png"));
        Volume v = img.volume();
        assertThat(v.shape()).containsExactly(550, 660, 1);
        assertThat(img.storedType()).isEqualTo(DataType.UINT8);
        assertThat(sum(v.data())).isEqualTo(24669746.0);
        assertThat(v.range()).containsExactly(0f, 255f);
        assertThat(v.get(10, 20, 0)).isEqualTo(72f);
        assertThat(v.get(275, 330, 0)).isEqualTo(58f);
        assertThat(v.affine()).isEqualTo(Affine.identity());
        // BrainMidSagittalSlice.png: mode L 217×180, sum 2067965, max 241, arr[20,10] = 11, arr[90,108] = 37
        Volume s = ImageFiles.readVolume(SharedData.file("brainweb-2d/BrainMidSagittalSlice.png"));
        assertThat(s.shape()).containsExactly(217, 180, 1);
        assertThat(sum(s.data())).isEqualTo(2067965.0);
        assertThat(s.range()).containsExactly(0f, 241f);
        assertThat(s.get(10, 20, 0)).isEqualTo(11f);
        assertThat(s.get(108, 90, 0)).isEqualTo(37f);
        // microaneurysms.png: 102×102, sum 1033532, min 38, max 129
        Volume m = ImageFiles.readVolume(SharedData.file("retina-cells-2d/microaneurysms.png"));
        assertThat(sum(m.data())).isEqualTo(1033532.0);
        assertThat(m.range()).containsExactly(38f, 129f);
    }

    @Test
    void paletteImagesGoThroughTheirPalette() throws Exception {
        // BrainProtonDensitySlice.png: mode P with a gray palette; convert('RGB') sum per channel
        // 4860107, max 251, rgb[20,10] = 10, rgb[108,90] = 206. VentricleModel.png: sum 169061.
        Volume v = ImageFiles.readVolume(SharedData.file("brainweb-2d/BrainProtonDensitySlice.png"));
        assertThat(v.shape()).containsExactly(181, 217, 1);
        assertThat(sum(v.data())).isEqualTo(4860107.0);
        assertThat(v.range()).containsExactly(0f, 251f);
        assertThat(v.get(10, 20, 0)).isEqualTo(10f);
        assertThat(v.get(90, 108, 0)).isEqualTo(206f);
        assertThat(sum(ImageFiles.readVolume(SharedData.file("brainweb-2d/VentricleModel.png")).data())).isEqualTo(169061.0);
        Volume ch = format.readChannels(SharedData.file("brainweb-2d/VentricleModel.png"));
        assertThat(ch.nt()).isEqualTo(3);
        assertThat(sum(ch.frame(1).data())).isEqualTo(169061.0);
    }

    @Test
    void rgbBecomesLumaAndChannelsStayAvailable() throws Exception {
        // ihc.png: RGB 512×512, channel sums 46466041, 41882087, 37736755; luma sum
        // 42780121.398, min 33.5230, max 255.0; arr[20,10] = (126, 102, 92), luma 108.036
        Volume v = ImageFiles.readVolume(SharedData.file("retina-cells-2d/ihc.png"));
        assertThat(sum(v.data())).isCloseTo(42780121.398, within(0.5)); // float32 rounding of 262144 lumas
        assertThat(v.range()[0]).isCloseTo(33.5230f, within(1e-4f));
        assertThat(v.range()[1]).isEqualTo(255f);
        assertThat(v.get(10, 20, 0)).isCloseTo(108.036f, within(1e-4f));
        Volume ch = format.readChannels(SharedData.file("retina-cells-2d/ihc.png"));
        assertThat(ch.shape()).containsExactly(512, 512, 1, 3);
        assertThat(sum(ch.frame(0).data())).isEqualTo(46466041.0);
        assertThat(sum(ch.frame(1).data())).isEqualTo(41882087.0);
        assertThat(sum(ch.frame(2).data())).isEqualTo(37736755.0);
        // BrainT1Slice.png is stored as RGB with R = G = B: the gray value is kept exactly
        // (sum of one channel 2673952, max 214)
        Volume t1 = ImageFiles.readVolume(SharedData.file("brainweb-2d/BrainT1Slice.png"));
        assertThat(sum(t1.data())).isEqualTo(2673952.0);
        assertThat(t1.range()).containsExactly(0f, 214f);
    }

    @Test
    void rgbaIgnoresAlphaForGray() throws Exception {
        // luma values printed by make_png_fixtures.py
        Volume v = format.read(resource("rgba.png")).volume();
        assertThat(v.shape()).containsExactly(3, 2, 1);
        float[] expected = {120.96f, 65.25f, 9.54f, 41.047f, 44.624f, 48.201f};
        for (int i = 0; i < 6; i++) {
            assertThat(v.data()[i]).isCloseTo(expected[i], within(1e-4f));
        }
        Volume ch = format.readChannels(resource("rgba.png"));
        assertThat(ch.nt()).isEqualTo(4);
        assertThat(ch.frame(3).data()).containsExactly(255, 128, 0, 255, 255, 255);
    }

    @Test
    void sixteenBitGrayIsReadExactly() throws Exception {
        LoadedImage img = format.read(resource("gray16.png"));
        assertThat(img.storedType()).isEqualTo(DataType.UINT16);
        assertThat(img.volume().shape()).containsExactly(5, 3, 1);
        assertThat(img.volume().data()).containsExactly(0, 1, 255, 256, 65535, 1000, 30000, 40000, 50000, 12345, 7, 8, 9, 10, 11);
    }

    @Test
    void oneBitGrayMaskReadsAsZeroAndOne() throws Exception {
        // make_png_fixtures.py: 9×4, ones at row 1 columns 2..6 and at row 3 column 8
        LoadedImage img = format.read(resource("mask1bit.png"));
        Volume v = img.volume();
        assertThat(v.shape()).containsExactly(9, 4, 1);
        assertThat(sum(v.data())).isEqualTo(6.0);
        assertThat(v.get(2, 1, 0)).isEqualTo(1f);
        assertThat(v.get(6, 1, 0)).isEqualTo(1f);
        assertThat(v.get(8, 3, 0)).isEqualTo(1f);
        assertThat(v.get(7, 1, 0)).isEqualTo(0f);
        assertThat(img.header()).containsEntry("colour", "gray").containsEntry("bits per sample", 1);
    }

    /**
     * retina.jpg: PIL (libjpeg-turbo) gives RGB channel sums 317419532, 126513143, 91812157 over
     * 1411² pixels and a luma sum of 179638240.907. Java's JPEG decoder may round the colour
     * conversion and up-sampling differently by ±1 per sample, so the means are compared to 0.05
     * grey levels (a systematic ±1 would move them by up to 1), not the sums exactly. Measured on
     * this machine's OpenJDK 17 the channel sums were in fact identical to PIL's.
     */
    @Test
    void jpegMatchesAnotherDecoderWithinRounding() throws Exception {
        LoadedImage img = ImageFiles.read(SharedData.file("retina-cells-2d/retina.jpg"));
        Volume v = img.volume();
        assertThat(v.shape()).containsExactly(1411, 1411, 1);
        assertThat(img.header()).containsEntry("format", "jpeg");
        double n = 1411.0 * 1411.0;
        assertThat(sum(v.data()) / n).isCloseTo(179638240.907 / n, within(0.05));
        Volume ch = format.readChannels(SharedData.file("retina-cells-2d/retina.jpg"));
        assertThat(sum(ch.frame(0).data()) / n).isCloseTo(317419532 / n, within(0.05));
        assertThat(sum(ch.frame(1).data()) / n).isCloseTo(126513143 / n, within(0.05));
        assertThat(sum(ch.frame(2).data()) / n).isCloseTo(91812157 / n, within(0.05));
    }

    @Test
    void roundTripsEightAndSixteenBitBitExact() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        for (DataType t : new DataType[] {DataType.UINT8, DataType.UINT16}) {
            float[] d = new float[37 * 23];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextInt((int) t.max() + 1);
            }
            d[0] = 0;
            d[1] = (float) t.max();
            Volume v = Volume.image2d(37, 23, d);
            Path f = tmp.resolve("rt_" + t + ".png");
            format.write(v, f, t);
            LoadedImage back = ImageFiles.read(f);
            assertThat(back.storedType()).isEqualTo(t);
            assertThat(back.volume().shape()).containsExactly(37, 23, 1);
            assertThat(back.volume().data()).isEqualTo(d);
        }
        // type chosen from the values: 0..255 → 8 bit, larger → 16 bit
        Path small = tmp.resolve("small.png"), large = tmp.resolve("large.png");
        ImageFiles.write(Volume.image2d(2, 1, new float[] {0, 255}), small);
        ImageFiles.write(Volume.image2d(2, 1, new float[] {0, 256}), large);
        assertThat(format.read(small).storedType()).isEqualTo(DataType.UINT8);
        assertThat(format.read(large).storedType()).isEqualTo(DataType.UINT16);
        try (var s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.toString().endsWith(".part")).count()).isZero();
        }
    }

    @Test
    void refusesWhatAPngCannotHold() {
        Path f = tmp.resolve("x.png");
        assertThatThrownBy(() -> format.write(Volume.zeros(4, 4, 2, Affine.identity()), f, null))
            .isInstanceOf(DataException.class).hasMessageContaining("x.png").hasMessageContaining("--axis");
        assertThatThrownBy(() -> format.write(Volume.image2d(2, 1, new float[] {0.5f, 3}), f, null))
            .isInstanceOf(DataException.class).hasMessageContaining("rescale");
        assertThatThrownBy(() -> format.write(Volume.image2d(2, 1, new float[] {-1, 3}), f, DataType.UINT8))
            .isInstanceOf(DataException.class).hasMessageContaining("uint8");
        assertThatThrownBy(() -> format.write(Volume.image2d(2, 1, new float[] {1, 3}), f, DataType.FLOAT32))
            .isInstanceOf(DataException.class).hasMessageContaining("uint8 or uint16");
        assertThatThrownBy(() -> format.write(Volume.image2d(2, 1, new float[] {1, 3}), tmp.resolve("x.jpg"), null))
            .isInstanceOf(DataException.class).hasMessageContaining("only PNG");
        assertThat(Files.exists(f)).isFalse();
    }

    @Test
    void corruptFilesNameTheFile() throws Exception {
        Path f = tmp.resolve("bad.png");
        byte[] good = Files.readAllBytes(SharedData.file("retina-cells-2d/microaneurysms.png"));
        Files.write(f, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> format.read(f)).isInstanceOf(DataException.class).hasMessageStartingWith(f.toString());
        Files.write(f, "not an image at all".getBytes());
        assertThatThrownBy(() -> format.read(f)).isInstanceOf(DataException.class).hasMessageStartingWith(f.toString());
    }
}
