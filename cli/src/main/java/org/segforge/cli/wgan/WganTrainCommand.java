package org.segforge.cli.wgan;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.segforge.cli.Home;
import org.segforge.cli.progress.TrainingProgress;
import org.segforge.cli.report.LossCurvePlot;
import org.segforge.core.DataException;
import org.segforge.nn.privacy.DpConfig;
import org.segforge.nn.train.TrainingResult;
import org.segforge.nn.wgan.CriticVariant;
import org.segforge.nn.wgan.DpCriticUpdate;
import org.segforge.nn.wgan.PatchPairs;
import org.segforge.nn.wgan.WganConfig;
import org.segforge.nn.wgan.WganTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", header = "Train a WGAN on image patches and their labels.", mixinStandardHelpOptions = true,
    description = {
        "Trains the M1 generator (image + label channels) against a critic of the chosen variant:",
        "  gp       strided convolutions, WGAN loss with gradient penalty λ = 10",
        "  sn       spectral normalisation on every critic layer, with the penalty",
        "  sn-mp    sn with mixed precision where the device has it (the CPU engine has none: float32, recorded)",
        "  c-sn-mp  sn-mp with twice the critic filters",
        "  dp       gp with the critic trained by DP-SGD; the (ε, δ) spent is logged every step",
        "Presets: cpu (3D 32×32×16 at 4 mm), cpu2d (2D 64×64 axial slices at 3 mm), paper (3D 128×128×64 at 1 mm).",
        "The generator sees only the axial slices below --train-below; the rest (after a 10 mm gap) stays",
        "unseen for 'segforge wgan downstream'. RUN_DIR receives wgan.json, data.json, provenance.json,",
        "log.jsonl/log.csv, checkpoints/ and losses.png; an interrupted run resumes from its newest checkpoint."},
    footer = {"", "Example:", "  segforge wgan train --variant gp --preset cpu --steps 1500 --out runs/wgan-gp"})
public final class WganTrainCommand implements Callable<Integer> {
    @Option(names = "--image", paramLabel = "FILE", description = "Image volume (default: the embedded Colin27 T1).")
    Path image;

    @Option(names = "--label", paramLabel = "FILE", description = "Label map on the image's grid (default: Colin27's brain mask).")
    Path label;

    @Option(names = "--label-values", split = ",", paramLabel = "V", description = "Label values that count as foreground (default: every value > 0).")
    List<Integer> labelValues = List.of();

    @Option(names = "--train-below", paramLabel = "F", defaultValue = "0.6",
        description = "Share of axial slices, from the bottom, the generator may see (default: ${DEFAULT-VALUE}).")
    double trainBelow;

    @Option(names = "--variant", paramLabel = "NAME", defaultValue = "gp", description = "gp, sn, sn-mp, c-sn-mp or dp (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "cpu", description = "cpu, cpu2d or paper (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--steps", paramLabel = "N", description = "Generator updates (default: the preset's).")
    Long steps;

    @Option(names = "--critic-steps", paramLabel = "N", description = "Critic updates per generator update (default: the preset's).")
    Integer criticSteps;

    @Option(names = "--batch", paramLabel = "N", description = "Pairs per update (default: the preset's).")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of weights and draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "250", description = "Checkpoint interval in steps (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--dp-pairs", paramLabel = "N", defaultValue = "512",
        description = "dp: size of the private set of real pairs, cut once before training (default: ${DEFAULT-VALUE}).")
    int dpPairs;

    @Option(names = "--dp-clip", paramLabel = "C", defaultValue = "1.0", description = "dp: per-pair gradient norm bound (default: ${DEFAULT-VALUE}).")
    double dpClip;

    @Option(names = "--dp-sigma", paramLabel = "σ", defaultValue = "1.0", description = "dp: noise multiplier (default: ${DEFAULT-VALUE}); ignored with --dp-epsilon.")
    double dpSigma;

    @Option(names = "--dp-epsilon", paramLabel = "ε", description = "dp: choose the smallest σ that keeps the whole run within this ε.")
    Double dpEpsilon;

    @Option(names = "--dp-delta", paramLabel = "δ", description = "dp: δ of the reported (ε, δ) (default: 1 / (10 · dp-pairs)).")
    Double dpDelta;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        WganConfig cfg = config();
        WganData data = new WganData(image != null ? image : Home.demoData().resolve("colin27/ch2.nii.gz"),
            label != null ? label : Home.demoData().resolve("colin27/brainmask.nii.gz"), labelValues, trainBelow);
        PatchPairs pairs = data.training(cfg);
        java.nio.file.Files.createDirectories(out);
        data.write(out);
        System.out.printf(Locale.ROOT, "WGAN %s, %dD %s patches at %.1f mm, batch %d, %d critic step(s) per generator step, %d steps%n",
            cfg.variant().id(), cfg.dims(), cfg.size(), cfg.voxelMm(), cfg.batch(),
            cfg.criticSteps(), cfg.steps());
        System.out.println("data: " + pairs.fingerprint());
        TrainingResult r;
        try (NDManager m = NDManager.newBaseManager(); WganTrainer t = new WganTrainer(cfg, m)) {
            TrainingProgress bar = TrainingProgress.onConsole("WGAN " + variant).showing("wasserstein", "genLoss", "epsilon");
            var loop = cfg.variant() == CriticVariant.DP
                ? t.loop(pairs, out, checkpointEvery, List.of(bar), dpUpdate(cfg, pairs))
                : t.loop(pairs, out, checkpointEvery, List.of(bar));
            if (!t.precision().active() && t.precision().requested()) {
                System.out.println("note: " + t.precision().note());
            }
            r = loop.resumeLatest().run();
        }
        if (!r.steps().isEmpty()) {
            LossCurvePlot.writeMetrics(out.resolve("losses.png"), r.steps(), List.of("wasserstein", "genLoss"),
                "WGAN " + variant + ": Wasserstein estimate (critic) and generator loss");
            var last = r.steps().get(r.steps().size() - 1).metrics();
            System.out.printf(Locale.ROOT, "done in %.1f s; last step: Wasserstein %.4f, generator loss %.4f%s%n", r.seconds(),
                last.get("wasserstein"), last.get("genLoss"),
                last.containsKey("epsilon") ? String.format(Locale.ROOT, ", privacy spent ε = %.3g at δ = %.2g", last.get("epsilon"), last.get("delta")) : "");
        } else {
            System.out.println("nothing to do: the run is complete");
        }
        System.out.println("wrote " + out);
        return 0;
    }

    WganConfig config() {
        WganConfig c = WganConfig.preset(preset, CriticVariant.parse(variant)).withSeed(seed);
        if (steps != null) {
            c = c.withSteps(steps);
        }
        if (batch != null || criticSteps != null) {
            c = c.withBatch(batch != null ? batch : c.batch(), criticSteps != null ? criticSteps : c.criticSteps());
        }
        return c;
    }

    private DpCriticUpdate dpUpdate(WganConfig cfg, PatchPairs pairs) throws DataException {
        if (dpPairs < cfg.batch()) {
            throw new IllegalArgumentException("--dp-pairs " + dpPairs + " must be at least the batch " + cfg.batch());
        }
        DpConfig dp = DpConfig.of(dpClip, dpSigma, cfg.batch(), dpPairs, dpDelta != null ? dpDelta : 0.1 / dpPairs);
        if (dpEpsilon != null) {
            dp = dp.withTargetEpsilon(dpEpsilon).calibrated(cfg.steps() * cfg.criticSteps());
        }
        System.out.printf(Locale.ROOT, "DP-SGD: %d private pairs, q = %.4f, C = %.3g, σ = %.4g, δ = %.2g%n", dp.datasetSize(),
            dp.samplingRate(), dp.clipNorm(), dp.noiseMultiplier(), dp.delta());
        // the private set is cut with its own seed, so it is the same when a run resumes
        return new DpCriticUpdate(cfg, dp, pairs.pairs("private", dpPairs, new SplittableRandom(cfg.seed() ^ 0x5EED_D9L)));
    }
}
