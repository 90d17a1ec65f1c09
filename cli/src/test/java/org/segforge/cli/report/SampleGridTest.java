package org.segforge.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.data.patch.Patch;
import org.segforge.core.data.patch.PatchSampler;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Volume;

class SampleGridTest {
    @TempDir
    Path tmp;

    @Test
    void middleSlicesWithLabelOverlay() throws Exception {
        Volume[] c = PatchDatasets.colin2mm();
        List<SampleGrid.Sample> samples = new ArrayList<>();
        for (Patch p : new PatchSampler(new int[] {32, 32, 16}, 1.0, 0f).sample(c[0], c[1], 6, 3)) {
            samples.add(new SampleGrid.Sample(p.image(), p.label(), "p" + samples.size()));
        }
        Path png = tmp.resolve("grid.png");
        SampleGrid.write(png, samples, Axis.AXIAL, 3, 96);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(3 * 96);
        assertThat(img.getHeight()).isEqualTo(2 * (96 + 16));
        // the middle axial slice is the one shown: slice 8 of 16 of the first patch
        Volume mid = SampleGrid.middle(samples.get(0).image(), Axis.AXIAL);
        assertThat(mid.nz()).isEqualTo(1);
        assertThat(mid.data()[5 + 32 * 7]).isEqualTo(samples.get(0).image().get(5, 7, 8));
        // some pixel carries the overlay colour (not gray) where the brain label is
        boolean coloured = false;
        for (int y = 0; y < 96 && !coloured; y++) {
            for (int x = 0; x < 96 && !coloured; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                coloured = Math.abs(r - g) > 30 || Math.abs(g - b) > 30;
            }
        }
        assertThat(coloured).isTrue();
        // 2D samples are shown as they are, without labels too
        Volume flat = Volume.image2d(20, 10, new float[200]);
        assertThat(SampleGrid.render(List.of(new SampleGrid.Sample(flat, null, "")), Axis.CORONAL, 4, 32).getWidth()).isEqualTo(32);
        assertThatThrownBy(() -> SampleGrid.render(List.of(), Axis.AXIAL, 2, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampleGrid.Sample(flat, Volume.image2d(10, 10, new float[100]), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
