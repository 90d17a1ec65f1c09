package org.segforge.cli.wgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.cli.report.PatchDatasets;
import org.segforge.nn.train.Json;
import org.segforge.core.DataException;
import picocli.CommandLine;

/**
 * {@code wgan evaluate} end to end on real Colin27 patches (2 mm, brain mask as label, 32×32×16):
 * a second real draw scores a lower FID and a higher PRD than a blurred draw.
 */
class WganEvaluateCommandTest {
    @TempDir
    static Path tmp;

    static Path realA, realB, blurred, small2d;

    @BeforeAll
    static void datasets() throws Exception {
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        int[] size = {32, 32, 16};
        realA = PatchDatasets.write(tmp.resolve("realA"), 48, size, 1, 0);
        realB = PatchDatasets.write(tmp.resolve("realB"), 40, size, 2, 0);
        blurred = PatchDatasets.write(tmp.resolve("blurred"), 40, size, 2, 1.5);
        small2d = PatchDatasets.write(tmp.resolve("2d"), 24, new int[] {64, 64}, 3, 0);
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new WganEvaluateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            throw ex;
        });
        int code = cl.execute(args);
        assertThat(code).isZero();
        return out.toString();
    }

    @Test
    void realScoresBetterThanBlurred() throws Exception {
        Path features = Path.of("..", "models", "fid-features-v1");
        Path json = tmp.resolve("eval.json"), prd = tmp.resolve("prd.png"), grid = tmp.resolve("grid.png");
        String out = run("--real", realA.toString(), "--synthetic", realB.toString(), blurred.toString(), "--features", features.toString(),
                "--runs", "3", "--json", json.toString(), "--prd-png", prd.toString(), "--grid-png", grid.toString(), "--grid-count", "4");
        assertThat(out).contains("real: 48 samples of 32×32×16").contains("fid-features-v1 (3D, image + label)")
                .contains("| realB | 40 |").contains("| blurred | 40 |").contains("small-sample bias");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("syntheticFolders")).hasSize(2);
        // the JSON reads back into the record, for reports built from it
        WganEvaluation.Report back = Json.read(Files.readString(json), WganEvaluation.Report.class);
        assertThat(back.evaluations()).hasSize(2);
        assertThat(back.evaluations().get(1).fid().fid()).isEqualTo(report.path("evaluations").get(1).path("fid").path("fid").asDouble());
        assertThat(back.evaluations().get(0).prd().config()).isEqualTo(new org.segforge.core.metric.generative.PrdConfig(20, 1001, 3, 10, 300, 1, true));
        JsonNode real = report.path("evaluations").get(0), blur = report.path("evaluations").get(1);
        assertThat(real.path("synthetic").asText()).isEqualTo("realB");
        assertThat(real.path("prd").path("precision")).hasSize(1001);
        assertThat(real.path("prd").path("realCount").asInt()).isEqualTo(40); // balanced subsample
        assertThat(ImageIO.read(prd.toFile()).getWidth()).isEqualTo(600);
        BufferedImage g = ImageIO.read(grid.toFile());
        assertThat(g.getWidth()).isEqualTo(4 * 128);
        assertThat(g.getHeight()).isEqualTo(3 * (128 + 16)); // rows: real, realB, blurred

        double fidReal = real.path("fid").path("fid").asDouble();
        System.out.printf("wgan evaluate: FID real-real %.4f, real-blur %.4f; F8 %.3f vs %.3f; F1/8 %.3f vs %.3f%n", fidReal,
                blur.path("fid").path("fid").asDouble(), real.path("prd").path("f8").asDouble(), blur.path("prd").path("f8").asDouble(),
                real.path("prd").path("f1over8").asDouble(), blur.path("prd").path("f1over8").asDouble());
        // with 40 samples in 160 feature dimensions both covariances are singular and FID carries a
        // large small-sample bias (measured 0.064 vs 0.185); FeatureNetworkTest checks larger sets
        assertThat(real.path("fid").path("rankDeficient").asBoolean()).isTrue();
        assertThat(blur.path("fid").path("fid").asDouble()).isGreaterThan(2 * fidReal);
        assertThat(blur.path("prd").path("f8").asDouble()).isLessThan(real.path("prd").path("f8").asDouble());
    }

    @Test
    void namesSetsAfterTheirFolders() {
        assertThat(WganEvaluateCommand.names(List.of(Path.of("runs/gp/samples"), Path.of("runs/sn/samples"), Path.of("x/blur"))))
                .containsExactly("gp/samples", "sn/samples", "blur");
        assertThat(WganEvaluateCommand.names(List.of(Path.of("a/s"), Path.of("a/s")))).containsExactly("a/s", "a/s-2");
    }

    @Test
    void refusesMixedPatchSizesAndMissingFolders() throws Exception {
        Path features = Path.of("..", "models", "fid-features-v1");
        WganEvaluateCommand cmd = new WganEvaluateCommand();
        new CommandLine(cmd).parseArgs("--real", realA.toString(), "--synthetic", small2d.toString(), "--features", features.toString());
        assertThatThrownBy(cmd::call).isInstanceOf(DataException.class).hasMessageContaining(small2d.toString())
                .hasMessageContaining("patches are 64×64×1, the real ones");
        WganEvaluateCommand few = new WganEvaluateCommand();
        new CommandLine(few).parseArgs("--real", realA.toString(), "--synthetic", realB.toString(), "--clusters", "100");
        assertThatThrownBy(few::call).isInstanceOf(DataException.class).hasMessageContaining("fewer than its 100 clusters");
        WganEvaluateCommand missing = new WganEvaluateCommand();
        new CommandLine(missing).parseArgs("--real", tmp.resolve("nowhere").toString(), "--synthetic", realB.toString());
        assertThatThrownBy(missing::call).isInstanceOf(DataException.class).hasMessageContaining("nowhere");
        assertThat(Files.exists(tmp.resolve("nowhere"))).isFalse();
    }
}
