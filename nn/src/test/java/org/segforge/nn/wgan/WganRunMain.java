package org.segforge.nn.wgan;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingLoop;

/**
 * Experiment, not a test: trains a WGAN preset on Colin27 with the brain mask and prints a row every
 * {@code every} steps. Resumes the run in OUT_DIR if it holds checkpoints.
 *
 * <p>Usage: {@code WganRunMain PRESET VARIANT COLIN27_DIR OUT_DIR STEPS [EVERY SEED]}, e.g.
 * {@code cpu gp ../shared/data/colin27 /work/runs/wgan-cpu3d-gp 1500 25 0}.
 */
public final class WganRunMain {
    private WganRunMain() {}

    public static void main(String[] args) throws Exception {
        WganConfig config = WganConfig.preset(args[0], CriticVariant.parse(args[1])).withSteps(Long.parseLong(args[4]));
        int every = args.length > 5 ? Integer.parseInt(args[5]) : 25;
        if (args.length > 6) {
            config = config.withSeed(Long.parseLong(args[6]));
        }
        Path out = Path.of(args[3]);
        PatchPairs data = PatchPairs.colin27BrainMask(Path.of(args[2]), config);
        System.out.println("data: " + data.fingerprint());
        System.out.println("config: " + config.toJson().replaceAll("\\s+", " "));
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager(); WganTrainer t = new WganTrainer(config, m)) {
            System.out.println("precision: " + t.precision().note());
            TrainingListener progress = new TrainingListener() {
                @Override
                public void onStep(StepRecord r) {
                    if ((r.step() + 1) % every == 0 || r.step() == 0) {
                        System.out.printf("step %5d  %.2f s/step  %6.0f s  loss %8.4f  W %8.4f  gp %7.4f  |∇x| %6.3f  gen %8.4f%n",
                                r.step() + 1, r.seconds(), (System.nanoTime() - t0) * 1e-9, r.metrics().get("loss"),
                                r.metrics().get("wasserstein"), r.metrics().get("gp"), r.metrics().get("inputGradNorm"),
                                r.metrics().get("genLoss"));
                    }
                }
            };
            TrainingLoop loop = t.loop(data, out, every * 4, List.of(progress)).resumeLatest();
            loop.run();
        }
        System.out.printf("done in %.0f s%n", (System.nanoTime() - t0) * 1e-9);
    }
}
