package org.segforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.train.Json;

/**
 * {@code segforge universeg-eval} with the shipped model on the real Brodmann tasks, tiny: two
 * methods, two gaps, two episodes; then a second run of another method merged into the first.
 */
class UniverSegEvalCommandTest {
    @Test
    void tablesJsonPlotAndMerge(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("a.json"), png = dir.resolve("a.png");
        CliRunner.Result r = CliRunner.run("universeg-eval", "--methods", "universeg", "--sizes", "1,4", "--gaps", "0,3",
            "--episodes", "2", "--timing-repeats", "1", "--json", json.toString(), "--plot", png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 4 supports with gap 3 need 4 + 2·3 − 1 = 9 slices; numpy count over brodmann.nii.gz (see EpisodeProtocolTest): 117 of 120
        assertThat(r.out()).contains("117 of 120 brodmann tasks qualify", "Gap 0 — Dice", "Gap 3 — Dice", "| UniverSeg (2 ep.) |",
            "UniverSeg, 1 repeats on one episode");
        JsonNode doc = Json.mapper().readTree(json.toFile());
        assertThat(doc.get("result").get("rows")).hasSize(4);
        assertThat(doc.get("result").get("rows").get(0).get("dice")).hasSize(2);
        assertThat(doc.get("command").asText()).contains("--gaps 0,3");
        assertThat(ImageFiles.readVolume(png).nx()).isEqualTo(900);

        Path json2 = dir.resolve("b.json");
        CliRunner.Result c = CliRunner.run("universeg-eval", "--methods", "copy,universeg-nearest1", "--sizes", "1,4", "--gaps", "3",
            "--task-gap", "3", "--episodes", "2", "--json", json2.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("| copy most similar (2 ep.) | UniverSeg, 1 most similar (2 ep.) |");
        assertThat(CliRunner.run("universeg-eval", "--methods", "universeg-nearest0", "--sizes", "1").err()).contains("universeg-nearestK");
        CliRunner.Result m = CliRunner.run("universeg-eval", "--methods", "none", "--sizes", "1,4", "--gaps", "0,3",
            "--merge", json + "," + json2, "--plot", dir.resolve("m.png").toString());
        assertThat(m.exitCode()).as(m.err()).isZero();
        assertThat(m.out()).contains("| UniverSeg (2 ep.) | copy most similar (2 ep.) | UniverSeg, 1 most similar (2 ep.) |");
        // the copy baseline ran for gap 3 only: its gap-0 cells are empty
        assertThat(m.out()).containsPattern("\\| 1 \\| 0\\.\\d{3} ± 0\\.\\d{3} \\| – \\|");

        // a result of another seed (the same file with its seed changed) is a different draw: refused
        Path json3 = dir.resolve("c.json");
        java.nio.file.Files.writeString(json3, java.nio.file.Files.readString(json2).replace("\"seed\" : 7", "\"seed\" : 8"));
        CliRunner.Result bad = CliRunner.run("universeg-eval", "--methods", "none", "--sizes", "1,4", "--gaps", "3",
            "--merge", json2 + "," + json3);
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("different draws");
    }

    @Test
    void evenlySpacedSupportsAndFusion() {
        CliRunner.Result r = CliRunner.run("universeg-eval", "--methods", "copy,vote-2,universeg-fuse2", "--sizes", "2,8", "--gaps", "even",
            "--episodes", "2", "--timing-repeats", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Evenly spaced — Dice", "| copy most similar (2 ep.) | vote of 2 most similar (2 ep.) "
            + "| UniverSeg, fusion of 2 most similar (2 ep.) |");
        assertThat(CliRunner.run("universeg-eval", "--methods", "copy", "--sizes", "1", "--gaps", "-3").err()).contains("≥ 0 or \"even\"");
        assertThat(CliRunner.run("universeg-eval", "--methods", "vote-0", "--sizes", "1").err()).contains("vote-M");
    }
}
