package org.segforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate and compare end to end on real lesion masks, against scipy values. */
class EvaluateCompareTest {
    static final Path LESIONS = CommandsOnRealDataTest.DEMO.resolve("lesions");

    @TempDir
    static Path dir;

    @BeforeAll
    static void pairs() throws Exception {
        // reference case "a" = lesion1, "b" = lesion3; predictions A: lesion2, lesion4; predictions B: lesion3, lesion4
        Files.createDirectories(dir.resolve("ref"));
        Files.createDirectories(dir.resolve("predA"));
        Files.createDirectories(dir.resolve("predB"));
        Files.copy(LESIONS.resolve("lesion1.nii.gz"), dir.resolve("ref/a.nii.gz"));
        Files.copy(LESIONS.resolve("lesion3.nii.gz"), dir.resolve("ref/b.nii.gz"));
        Files.copy(LESIONS.resolve("lesion5.nii.gz"), dir.resolve("ref/c.nii.gz"));
        Files.copy(LESIONS.resolve("lesion2.nii.gz"), dir.resolve("predA/a.nii.gz"));
        Files.copy(LESIONS.resolve("lesion4.nii.gz"), dir.resolve("predA/b.nii.gz"));
        Files.copy(LESIONS.resolve("lesion6.nii.gz"), dir.resolve("predA/c.nii.gz"));
        Files.copy(LESIONS.resolve("lesion1.nii.gz"), dir.resolve("predB/a.nii.gz"));
        Files.copy(LESIONS.resolve("lesion3.nii.gz"), dir.resolve("predB/b.nii.gz"));
        Files.copy(LESIONS.resolve("lesion7.nii.gz"), dir.resolve("predB/c.nii.gz"));
    }

    @Test
    void evaluateWritesTheDocumentedJsonWithScipyValues() throws Exception {
        Path json = dir.resolve("a.json");
        Path csv = dir.resolve("a.csv");
        CliRunner.Result r = CliRunner.run("evaluate", "--pred", dir.resolve("predA").toString(), "--ref", dir.resolve("ref").toString(),
            "--json", json.toString(), "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(Files.readString(json));
        JsonNode a = j.get("cases").get(0);
        assertThat(a.get("name").asText()).isEqualTo("a");
        // pred lesion2 vs ref lesion1 at 1 mm: scipy/numpy values recorded in core's SegmentationMetricsTest (case M1),
        // from core/src/test/resources/reference/metrics_reference.py
        JsonNode m = a.get("labels").get("1");
        assertThat(m.get("dice").asDouble()).isCloseTo(0.4369044633901705, within(1e-6));
        assertThat(m.get("iou").asDouble()).isCloseTo(0.2795123222843851, within(1e-6));
        assertThat(m.get("hd95").asDouble()).isCloseTo(22.492219887988004, within(1e-3));
        assertThat(m.get("assd").asDouble()).isCloseTo(5.702398288171664, within(1e-3));
        assertThat(m.get("bavd").asDouble()).isCloseTo(3.5909531206824505, within(1e-3));
        assertThat(j.get("summary").get("1").get("dice").get("n").asInt()).isEqualTo(3);
        assertThat(Files.readAllLines(csv)).hasSize(4).first().asString().startsWith("case,label,dice");
    }

    @Test
    void compareRunsAPairedTTestOverTheCases() throws Exception {
        Path a = dir.resolve("ca.json");
        Path b = dir.resolve("cb.json");
        assertThat(CliRunner.run("evaluate", "--pred", dir.resolve("predA").toString(), "--ref", dir.resolve("ref").toString(), "--json", a.toString()).exitCode()).isZero();
        assertThat(CliRunner.run("evaluate", "--pred", dir.resolve("predB").toString(), "--ref", dir.resolve("ref").toString(), "--json", b.toString()).exitCode()).isZero();
        CliRunner.Result r = CliRunner.run("compare", a.toString(), b.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        JsonNode dice = null;
        for (JsonNode row : rows) {
            if (row.get("metric").asText().equals("dice")) {
                dice = row;
            }
        }
        assertThat(dice).isNotNull();
        assertThat(dice.get("n").asInt()).isEqualTo(3);
        // B is perfect on two cases, so it must be better on average; the p-value is a real t-test's
        assertThat(dice.get("meanDiff").asDouble()).isPositive();
        assertThat(dice.get("p").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void unpairedFilesAreADataErrorListingThem() throws Exception {
        Path pred = dir.resolve("predPartial");
        Files.createDirectories(pred);
        Files.copy(LESIONS.resolve("lesion2.nii.gz"), pred.resolve("a.nii.gz"));
        Files.copy(LESIONS.resolve("lesion2.nii.gz"), pred.resolve("zzz.nii.gz"));
        CliRunner.Result r = CliRunner.run("evaluate", "--pred", pred.toString(), "--ref", dir.resolve("ref").toString());
        assertThat(r.exitCode()).isEqualTo(SegForge.EXIT_DATA_ERROR);
        assertThat(r.err()).contains("no reference for [zzz]").doesNotContain("[b, c]");
        CliRunner.Result strict = CliRunner.run("evaluate", "--strict", "--pred", pred.toString(), "--ref", dir.resolve("ref").toString());
        assertThat(strict.err()).contains("[zzz]").contains("no prediction for [b, c]");
    }

    @Test
    void aSubsetOfTheReferencesIsScoredWithANote() throws Exception {
        Path pred = dir.resolve("predSubset");
        Files.createDirectories(pred);
        Files.copy(LESIONS.resolve("lesion2.nii.gz"), pred.resolve("a.nii.gz"));
        CliRunner.Result r = CliRunner.run("evaluate", "--pred", pred.toString(), "--ref", dir.resolve("ref").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 cases");
        assertThat(r.err()).contains("2 reference(s) without a prediction left out: [b, c]");
    }
}
