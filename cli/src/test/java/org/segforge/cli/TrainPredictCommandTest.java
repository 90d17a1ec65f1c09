package org.segforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.seg.SegTrainingConfig;

/**
 * train → predict through the command line on a real task: axial slices of the Colin27 brain mask
 * exported by {@code segforge tasks}, a tiny U-Net trained for a few steps.
 */
class TrainPredictCommandTest {
    static final Path DEMO = CommandsOnRealDataTest.DEMO;

    @Test
    void trainsOnAnExportedTaskThenPredictsWithTheInputsGeometry(@TempDir Path dir) throws Exception {
        CliRunner.Result t = CliRunner.run("tasks", "--image", DEMO.resolve("colin27/ch2.nii.gz").toString(),
            "--labels", DEMO.resolve("colin27/brainmask.nii.gz").toString(), "--axis", "axial", "--min-foreground", "2000",
            "--out", dir.resolve("tasks").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        Path task;
        try (Stream<Path> s = Files.walk(dir.resolve("tasks"))) {
            task = s.filter(p -> p.endsWith("dataset.json")).findFirst().orElseThrow().getParent();
        }
        SegTrainingConfig base = SegTrainingConfig.cpu(2, 1, 2);
        SegTrainingConfig tiny = base.withNet(base.net().withWidth(4, 16).withDepth(3)).withPatch(List.of(64, 64), 2).withSteps(3);
        Path config = dir.resolve("tiny.json");
        Files.writeString(config, tiny.toJson());
        Path run = dir.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", task.toString(), "--out", run.toString(), "--config", config.toString(),
            "--augment", "rotation", "--val-cases", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : List.of("model.params", "config.json", "provenance.json", "log.jsonl", "log.csv", "loss-curve.png")) {
            assertThat(run.resolve(f)).exists();
        }
        assertThat(Files.readString(run.resolve("config.json"))).contains("\"augment\" : \"rotation\"");

        // a second fresh run into the same folder is refused, naming it
        CliRunner.Result again = CliRunner.run("train", "--data", task.toString(), "--out", run.toString(), "--config", config.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains(run.toString(), "not empty");

        Path images = dir.resolve("in");
        Files.createDirectories(images);
        List<Path> two;
        try (Stream<Path> s = Files.list(task.resolve("imagesTr"))) {
            two = s.sorted().limit(2).toList();
        }
        for (Path p : two) {
            Files.copy(p, images.resolve(p.getFileName()));
        }
        Path preds = dir.resolve("pred");
        CliRunner.Result p = CliRunner.run("predict", "--model", run.toString(), "--in", images.toString(), "--out", preds.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        for (Path in : two) {
            String name = in.getFileName().toString().replace("_0000.nii.gz", ".nii.gz");
            Volume label = ImageFiles.readVolume(preds.resolve(name));
            Volume image = ImageFiles.readVolume(in);
            assertThat(label.shape()).containsExactly(image.shape());
            assertThat(label.affine().approxEquals(image.affine(), 1e-6)).isTrue();
            for (float v : label.data()) {
                assertThat(v).isIn(0f, 1f);
            }
        }
        try (Stream<Path> s = Files.list(preds)) {
            assertThat(s.count()).as("no staging folder left").isEqualTo(2);
        }
        CliRunner.Result missing = CliRunner.run("predict", "--model", dir.toString(), "--in", images.toString(), "--out", preds.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("not a trained model folder");
    }

    @Test
    void usageErrorsNameTheBadValue(@TempDir Path dir) throws Exception {
        CliRunner.Result e = CliRunner.run("experiment", "m9", "--out", dir.toString());
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.err()).contains("m9", "m0");
        CliRunner.Result t = CliRunner.run("train", "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("run").toString());
        assertThat(t.exitCode()).isEqualTo(1);
        assertThat(t.err()).contains("nowhere");
        assertThat(dir.resolve("run")).doesNotExist();
        CliRunner.Result p = CliRunner.run("predict", "--model", dir.toString(), "--in", dir.toString(), "--out", dir.resolve("p").toString(),
            "--overlap", "1.5");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.err()).contains("--overlap");
    }
}
