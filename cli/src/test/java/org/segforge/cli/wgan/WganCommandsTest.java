package org.segforge.cli.wgan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.cli.CliRunner;
import org.segforge.core.data.Case;
import org.segforge.core.data.Dataset;
import org.segforge.core.io.dataset.NnUnetDataset;

/**
 * The WGAN commands end to end on the embedded Colin27 (2D preset, a few steps): train writes a
 * resumable run, sample writes an nnU-Net dataset that reads back, downstream runs the three
 * conditions on held-out real slices, and bad input gets a one-line error.
 */
class WganCommandsTest {
    static {
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    @TempDir
    Path tmp;

    @Test
    void trainSampleAndDownstreamOnColin27() throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result t = CliRunner.run("wgan", "train", "--preset", "cpu2d", "--variant", "sn", "--steps", "2", "--batch", "4",
            "--critic-steps", "1", "--out", run.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("WGAN sn, 2D [64, 64] patches at 3.0 mm").contains("axial slices z < 108");
        for (String f : new String[] {"wgan.json", "data.json", "provenance.json", "log.csv", "losses.png"}) {
            assertThat(run.resolve(f)).as(f).exists();
        }
        CliRunner.Result again = CliRunner.run("wgan", "train", "--preset", "cpu2d", "--variant", "sn", "--steps", "2", "--batch", "4",
            "--critic-steps", "1", "--out", run.toString());
        assertThat(again.out()).as(again.err()).contains("nothing to do");

        Path synth = tmp.resolve("synthetic");
        CliRunner.Result s = CliRunner.run("wgan", "sample", "--model", run.toString(), "--n", "5", "--seed", "3", "--out", synth.toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        Dataset d = NnUnetDataset.read(synth);
        assertThat(d.training()).hasSize(5);
        Case c = d.training().get(0).load();
        assertThat(c.shape()).containsExactly(64, 64, 1);
        for (float v : c.label().data()) {
            assertThat(v == 0f || v == 1f).as("binary label").isTrue();
        }
        assertThat(Files.readString(synth.resolve("dataset.json"))).contains("--seed 3");

        Path real = tmp.resolve("real");
        CliRunner.Result rs = CliRunner.run("wgan", "sample", "--model", run.toString(), "--n", "5", "--real", "held-out", "--out", real.toString());
        assertThat(rs.exitCode()).as(rs.err()).isZero();
        assertThat(rs.out()).contains("cut 5 pairs");
        Path prd = tmp.resolve("prd.png");
        CliRunner.Result ev = CliRunner.run("wgan", "evaluate", "--real", real.toString(), "--synthetic", synth.toString(), "--clusters", "2",
            "--runs", "2", "--prd-png", prd.toString());
        assertThat(ev.exitCode()).as(ev.err()).isZero();
        assertThat(ev.out()).contains("| synthetic | 5 |").contains("FID").contains("F8");
        assertThat(prd).exists();

        Path json = tmp.resolve("downstream.json");
        CliRunner.Result ds = CliRunner.run("wgan", "downstream", "--model", run.toString(), "--synthetic", "4", "--real", "4", "--test", "3",
            "--steps", "3", "--seeds", "1", "--json", json.toString());
        assertThat(ds.exitCode()).as(ds.err()).isZero();
        assertThat(ds.out()).contains("| real | 4 |").contains("| synthetic | 4 |").contains("| both | 8 |").contains("synthetic vs real, dice");
        assertThat(Files.readString(json)).contains("\"trainBelow\"").contains("\"perCaseDice\"");
        assertThat(run.resolve("downstream-work")).isEmptyDirectory();
    }

    @Test
    void aFolderThatIsNoRunGetsAOneLineError() {
        CliRunner.Result r = CliRunner.run("wgan", "sample", "--model", tmp.toString(), "--n", "2", "--out", tmp.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(tmp.toString());
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void unknownVariantIsAUsageError() {
        CliRunner.Result r = CliRunner.run("wgan", "train", "--variant", "wgan-lp", "--out", tmp.resolve("r").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("wgan-lp");
    }
}
