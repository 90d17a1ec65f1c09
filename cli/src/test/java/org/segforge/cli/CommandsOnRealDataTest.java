package org.segforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.data.Dataset;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.dataset.NnUnetDataset;

/** The commands on the embedded real data (data/demo), end to end through the command line. */
class CommandsOnRealDataTest {
    static final Path DEMO = Path.of(System.getProperty("segforge.root", "..")).resolve("data/demo");
    static final Path CH2 = DEMO.resolve("colin27/ch2.nii.gz");
    static final Path AAL = DEMO.resolve("colin27/aal.nii.gz");

    @Test
    void infoJsonDescribesTheAtlasAsALabelMap() throws Exception {
        CliRunner.Result r = CliRunner.run("info", "--json", AAL.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("shape").toString()).isEqualTo("[181,217,181]");
        assertThat(j.get("dataType").asText()).isEqualTo("uint8");
        // 116 regions + background; region 1 (Precentral_L) voxel count from numpy:
        // /usr/bin/python3 -c "import nibabel as nb, numpy as np; a=np.asarray(nb.load('aal.nii.gz').dataobj); print((a==1).sum())"
        assertThat(j.get("labels").size()).isEqualTo(117);
        assertThat(j.get("labels").get("1").asLong()).isEqualTo(28174);
        assertThat(j.get("affine").get(0).get(3).asDouble()).isEqualTo(-90.0);
    }

    @Test
    void infoOfAnIntensityImageShowsNoLabels() throws Exception {
        CliRunner.Result r = CliRunner.run("info", "--json", CH2.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).has("labels")).isFalse();
    }

    @Test
    void convertNiftiToMetaImageAndBackKeepsVoxelsAndGeometry(@TempDir Path dir) throws Exception {
        Path mha = dir.resolve("ch2.mha");
        Path back = dir.resolve("back.nii.gz");
        assertThat(CliRunner.run("convert", CH2.toString(), mha.toString()).exitCode()).isZero();
        assertThat(CliRunner.run("convert", mha.toString(), back.toString()).exitCode()).isZero();
        Volume a = ImageFiles.readVolume(CH2);
        Volume b = ImageFiles.readVolume(back);
        assertThat(java.util.Arrays.mismatch(b.data(), a.data())).as("first differing voxel").isEqualTo(-1);
        assertThat(b.affine().approxEquals(a.affine(), 1e-5)).isTrue();
    }

    @Test
    void convertVolumeToPngWritesOneFilePerSlice(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("convert", AAL.toString(), dir.resolve("aal.png").toString(), "--axis", "coronal");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(217);
        }
        Volume slice = ImageFiles.readVolume(dir.resolve("aal_100.png"));
        assertThat(slice.nx()).isEqualTo(181);
        assertThat(slice.ny()).isEqualTo(181);
    }

    @Test
    void tasksExportsReadableNnUnetDatasets(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("tasks", "--image", CH2.toString(), "--labels", AAL.toString(),
            "--names", DEMO.resolve("colin27/aal.nii.txt").toString(), "--group", "precentral=1,2",
            "--axis", "axial", "--min-foreground", "50", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("aal/precentral/axial");
        Path task = dir.resolve("aal/precentral/axial");
        Dataset d = NnUnetDataset.read(task);
        assertThat(d.training()).isNotEmpty();
        assertThat(d.labels()).containsEntry(0, "background");
        Volume first = d.training().get(0).load().label();
        assertThat(first.nz()).isEqualTo(1);
    }

    @Test
    void demoQuickWritesAReportWithPictures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        CliRunner.Result r = CliRunner.run("demo", "--quick", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(out.resolve("report.html").toString());
        assertThat(out.resolve("report.md")).exists();
        assertThat(Files.readString(out.resolve("report.md"))).contains("## The data", "## Tasks", "## Supervised baseline", "(M4, DAN)", "(M5, UniverSeg)");
        assertThat(out.resolve("baseline-predictions.png")).exists();
        assertThat(ImageFiles.readVolume(out.resolve("data-labels.png")).nx()).isGreaterThan(100);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("demo");
        }
    }
}
