package org.segforge.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.ValidationRecord;

class LossCurvePlotTest {
    @TempDir
    Path tmp;

    @Test
    void writesAReadablePngAtomically() throws Exception {
        List<StepRecord> steps = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            steps.add(new StepRecord(s, 0.01, Map.of("loss", Math.exp(-s / 50.0) + 0.1 * Math.sin(s))));
        }
        List<ValidationRecord> val = List.of(new ValidationRecord(100, Map.of("dice", 0.6)), new ValidationRecord(200, Map.of("dice", 0.8)));
        Path png = tmp.resolve("loss.png");
        LossCurvePlot.write(png, steps, val, "dice");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(500);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("loss.png");
        }
        // without the validation metric the plot still works
        LossCurvePlot.write(tmp.resolve("b.png"), steps, val, "hausdorff");
        assertThat(ImageIO.read(tmp.resolve("b.png").toFile())).isNotNull();
        assertThatThrownBy(() -> LossCurvePlot.write(tmp.resolve("c.png"), List.of(), val, "dice"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smoothingIsABiasCorrectedMovingAverage() {
        double[] s = LossCurvePlot.smooth(new double[] {4, Double.NaN, 2});
        assertThat(s[0]).isEqualTo(4.0);
        assertThat(s[1]).isEqualTo(4.0);
        // (0.9·0.1·4 + 0.1·2) / (0.9·0.1 + 0.1) = 0.56 / 0.19
        assertThat(s[2]).isCloseTo(0.56 / 0.19, within(1e-12));
    }
}
