package org.segforge.nn.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.segforge.nn.data.Batcher;

/**
 * Main class forked by {@link KillResumeTest}: trains {@link TinyTask} with a checkpoint every
 * 5 steps, sleeping after each step so that the parent can kill it mid-run.
 * Arguments: output folder, total steps, milliseconds to sleep per step.
 */
public final class KillableTraining {
    private KillableTraining() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long steps = Long.parseLong(args[1]);
        long sleep = Long.parseLong(args[2]);
        try (NDManager m = NDManager.newBaseManager(); Player p = TinyTask.player("net", m, 7, TinyTask.adam())) {
            TrainingLoop loop = TrainingLoop.builder()
                .setStep(TinyTask.supervised())
                .setPlayers(p)
                .setData(new Batcher(TinyTask.maker(), 11, 2))
                .setConfig(LoopConfig.of(steps, 11, out.toString()).withCheckpointEvery(5, 2))
                .optListener(new TrainingListener() {
                    @Override
                    public void onStep(StepRecord r) {
                        try {
                            Thread.sleep(sleep);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .build();
            loop.resumeLatest().run();
        }
    }
}
