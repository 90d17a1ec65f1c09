package org.segforge.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.metric.generative.PrdConfig;
import org.segforge.core.metric.generative.PrdResult;
import org.segforge.core.metric.generative.PrecisionRecallDistributions;

class PrdCurvePlotTest {
    @TempDir
    Path tmp;

    private static PrdResult fromHistograms(double[] p, double[] q) {
        PrecisionRecallDistributions.Curve c = PrecisionRecallDistributions.curve(p, q, 201);
        return new PrdResult(c.precision(), c.recall(), PrecisionRecallDistributions.maxFBeta(c.precision(), c.recall(), 8),
                PrecisionRecallDistributions.maxFBeta(c.precision(), c.recall(), 1.0 / 8),
                PrecisionRecallDistributions.area(c.precision(), c.recall()), 100, 100, PrdConfig.paper(1));
    }

    @Test
    void writesOneCurvePerSet() throws Exception {
        Map<String, PrdResult> curves = new LinkedHashMap<>();
        curves.put("good", fromHistograms(new double[] {0.25, 0.25, 0.25, 0.25}, new double[] {0.3, 0.2, 0.25, 0.25}));
        curves.put("collapsed", fromHistograms(new double[] {0.25, 0.25, 0.25, 0.25}, new double[] {0.9, 0.1, 0, 0}));
        Path png = tmp.resolve("prd.png");
        PrdCurvePlot.write(png, curves);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(600);
        assertThat(img.getHeight()).isEqualTo(600);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("prd.png");
        }
        // the legend names each set with its F-scores
        assertThat(PrdCurvePlot.chart(curves, 600, 600).getSeriesMap().keySet())
                .anyMatch(k -> k.startsWith("good (F8 0.9")).anyMatch(k -> k.startsWith("collapsed (F8 0.489, F1/8 0.961)"));
        assertThatThrownBy(() -> PrdCurvePlot.write(png, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
