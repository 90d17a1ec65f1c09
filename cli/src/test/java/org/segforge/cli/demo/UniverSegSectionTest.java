package org.segforge.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.cli.report.Report;
import org.segforge.core.io.ImageFiles;

/** The demo's UniverSeg section runs (quick) with the shipped model on the real data and writes its pictures. */
class UniverSegSectionTest {
    @Test
    void quickSectionWritesTheEpisodeAndThePlot(@TempDir Path dir) throws Exception {
        DemoData data = DemoData.load(Path.of("../data/demo"));
        Path out = dir.resolve("report");
        try (Report report = new Report(out, "test")) {
            new UniverSegSection().run(new DemoContext(data, 42, true, new PrintStream(OutputStream.nullOutputStream())), report);
            report.publish();
        }
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("(M5, UniverSeg)", "brodmann", "Dice against the atlas: UniverSeg 0.", "| 8 |");
        // 4 supports, the query's truth, 4 supports, the prediction: two rows of five 128-pixel tiles
        assertThat(ImageFiles.readVolume(out.resolve("universeg-episode.png")).nx()).isEqualTo(5 * 128);
        assertThat(ImageFiles.readVolume(out.resolve("universeg-dice.png")).nx()).isEqualTo(800);
    }
}
