package org.segforge.cli.dan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.cli.CliRunner;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.train.MetricsLog;
import org.segforge.nn.train.StepRecord;

/**
 * The DAN commands end to end on the embedded Colin27 (ch2 and brain mask from data/demo, shrunk to
 * 4 mm, 45×54×45, so that a few steps take seconds).
 */
class DanCommandsTest {
    static final Path DEMO = Path.of(System.getProperty("segforge.root", "..")).resolve("data/demo/colin27");

    static {
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    @TempDir
    static Path tmp;
    static Path image, mask;

    @BeforeAll
    static void shrink() throws Exception {
        Volume v = Resize.to(ImageFiles.readVolume(DEMO.resolve("ch2.nii.gz")), 45, 54, 45, Resize.Mode.AREA);
        Volume m = Resize.to(ImageFiles.readVolume(DEMO.resolve("brainmask.nii.gz")), 45, 54, 45, Resize.Mode.NEAREST);
        image = tmp.resolve("img/ch2-4mm.nii.gz");
        mask = tmp.resolve("brainmask-4mm.nii.gz");
        Files.createDirectories(image.getParent());
        ImageFiles.write(v, image, DataType.FLOAT32);
        ImageFiles.write(m, mask, DataType.UINT8);
    }

    @Test
    void volumeSegmentsAPartiallyAnnotatedVolumeOnItsGrid() throws Exception {
        Path out = tmp.resolve("seg.nii.gz");
        CliRunner.Result r = CliRunner.run("dan", "volume", "--image", image.toString(), "--labels", mask.toString(),
            "--annotated-slices", "22", "--neighbourhood", "5", "--pretrain-steps", "6", "--steps", "4", "--patch", "32",
            "--en-input", "product", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 annotated slice(s) [22], 10 unannotated");
        Volume seg = ImageFiles.readVolume(out);
        Volume ref = ImageFiles.readVolume(mask);
        assertThat(seg.shape()).containsExactly(ref.shape());
        assertThat(seg.affine().approxEquals(ref.affine(), 1e-5)).isTrue();
        int plane = 45 * 54;
        for (int i = 22 * plane; i < 23 * plane; i++) {
            assertThat(seg.data()[i]).isEqualTo(ref.data()[i]);
        }
        Path run = tmp.resolve("seg.run");
        assertThat(run.resolve("losses.png")).isRegularFile();
        assertThat(run.resolve("dan-config.json")).content().contains("PRODUCT");
        List<StepRecord> steps = MetricsLog.readSteps(run.resolve(MetricsLog.JSONL));
        assertThat(steps).hasSize(10);
        assertThat(steps.get(9).metrics()).containsKeys("en", "adv", "lambda");
    }

    @Test
    void trainReadsATaskDatasetAndAFolderOfImages() throws Exception {
        Path tasks = tmp.resolve("tasks");
        CliRunner.Result t = CliRunner.run("tasks", "--image", image.toString(), "--labels", mask.toString(), "--axis", "axial",
            "--min-foreground", "200", "--out", tasks.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        Path dataset;
        try (var s = Files.walk(tasks)) {
            dataset = s.filter(p -> p.getFileName().toString().equals("dataset.json")).findFirst().orElseThrow().getParent();
        }
        Path run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("dan", "train", "--labelled", dataset.toString(), "--unlabelled", image.getParent().toString(),
            "--out", run.toString(), "--pretrain-steps", "3", "--steps", "3", "--patch", "32");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("DAN: \\d+ labelled and 45 unlabelled slices, 2 classes, EN input stack, 3 \\+ 3 steps");
        assertThat(MetricsLog.readSteps(run.resolve(MetricsLog.JSONL))).hasSize(6);
        assertThat(run.resolve("checkpoints")).isDirectory();
        // a second call finds the finished run and resumes it to its end: nothing left to do
        CliRunner.Result again = CliRunner.run("dan", "train", "--labelled", dataset.toString(), "--unlabelled", image.getParent().toString(),
            "--out", run.toString(), "--pretrain-steps", "3", "--steps", "3", "--patch", "32");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing to do");
    }

    @Test
    void badInputsAreReportedWithTheFile() {
        CliRunner.Result r = CliRunner.run("dan", "volume", "--image", image.toString(), "--labels", mask.toString(),
            "--annotated-slices", "99", "--out", tmp.resolve("x.nii.gz").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("brainmask-4mm.nii.gz").contains("outside 0..44");
    }
}
