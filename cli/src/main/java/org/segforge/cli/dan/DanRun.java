package org.segforge.cli.dan;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.segforge.cli.progress.TrainingProgress;
import org.segforge.cli.report.LossCurvePlot;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;
import org.segforge.nn.dan.DanConfig;
import org.segforge.nn.dan.DanData;
import org.segforge.nn.dan.DanTrainer;
import org.segforge.nn.train.TrainingLoop;
import org.segforge.nn.train.TrainingResult;

/**
 * One DAN training run in a run folder: dan-config.json, the loop's logs, checkpoints and
 * provenance, a progress bar with both players' losses, and losses.png (SN's total loss and
 * cross-entropy, EN's loss). Resumes from the folder's newest checkpoint if there is one.
 */
final class DanRun {
    static final String CONFIG = "dan-config.json";
    static final String PLOT = "losses.png";

    private DanRun() {}

    /** Trains; the trainer (and its networks in {@code manager}) stays usable afterwards. */
    static TrainingResult train(DanTrainer trainer, DanData data, Path runDir, String fingerprint, int checkpointEvery,
                                String title) throws DataException {
        DanConfig config = trainer.config();
        AtomicFiles.writeString(runDir.resolve(CONFIG), config.toJson() + "\n");
        TrainingProgress bar = TrainingProgress.onConsole(title).showing("ce", "en", "enAcc", "lambda");
        TrainingLoop loop = trainer.loop(data, runDir.toString(), fingerprint, checkpointEvery, List.of(bar)).resumeLatest();
        TrainingResult r = loop.run();
        if (!r.steps().isEmpty()) {
            LossCurvePlot.writeMetrics(runDir.resolve(PLOT), r.steps(), List.of("loss", "ce", "en"),
                    "DAN: SN loss (CE + λ·adv), SN cross-entropy, EN loss");
        }
        return r;
    }

    static NDManager manager() {
        return NDManager.newBaseManager();
    }
}
