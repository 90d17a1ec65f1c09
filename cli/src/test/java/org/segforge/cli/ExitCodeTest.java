package org.segforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help everywhere, exit 0/1/2, one-line messages naming the file. */
class ExitCodeTest {
    @Test
    void helpListsCommandsAndExitsZero() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("demo", "info", "convert", "tasks");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"demo", "info", "convert", "tasks"}) {
            CliRunner.Result r = CliRunner.run(c, "--help");
            assertThat(r.exitCode()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Usage:");
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner.Result r = CliRunner.run("info", "--no-such-option", "x.nii");
        assertThat(r.exitCode()).isEqualTo(SegForge.EXIT_USAGE);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(CliRunner.run().exitCode()).isEqualTo(SegForge.EXIT_USAGE);
    }

    @Test
    void missingFileIsADataErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nothing-here.nii.gz");
        CliRunner.Result r = CliRunner.run("info", missing.toString());
        assertThat(r.exitCode()).isEqualTo(SegForge.EXIT_DATA_ERROR);
        assertThat(r.err()).contains("nothing-here.nii.gz").doesNotContain("at org.");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void corruptFileIsADataErrorAndConvertLeavesNoOutput(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.nii.gz");
        Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Path out = dir.resolve("out.nii");
        CliRunner.Result r = CliRunner.run("convert", bad.toString(), out.toString());
        assertThat(r.exitCode()).isEqualTo(SegForge.EXIT_DATA_ERROR);
        assertThat(r.err()).contains("broken.nii.gz");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("broken.nii.gz");
        }
    }
}
