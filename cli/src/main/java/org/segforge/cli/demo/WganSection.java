package org.segforge.cli.demo;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.segforge.cli.Home;
import org.segforge.cli.report.LossCurvePlot;
import org.segforge.cli.report.PrdCurvePlot;
import org.segforge.cli.report.Report;
import org.segforge.cli.report.SampleGrid;
import org.segforge.cli.wgan.WganData;
import org.segforge.cli.wgan.WganEvaluation;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.metric.generative.PrdConfig;
import org.segforge.core.metric.generative.PrdResult;
import org.segforge.nn.features.GenerativeEvaluation;
import org.segforge.nn.features.SampleSet;
import org.segforge.nn.train.TrainingResult;
import org.segforge.nn.wgan.CriticVariant;
import org.segforge.nn.wgan.PatchPairs;
import org.segforge.nn.wgan.SyntheticPair;
import org.segforge.nn.wgan.WganConfig;
import org.segforge.nn.wgan.WganModel;
import org.segforge.nn.wgan.WganTrainer;

/**
 * The demo's M1 section: a short WGAN-GP run on the 3D cpu preset (Colin27 with its brain mask, the
 * lower 60 % of the slices), then pairs from the shipped generator ({@value #SHIPPED}, trained the
 * same way for longer; the short run's own generator if it is missing) scored with FID and PRD on the
 * shipped feature network against real patches of the same slices, next to a second real draw.
 */
public final class WganSection implements DemoSection {
    /** The shipped generator, relative to the SegForge home. */
    public static final String SHIPPED = "models/wgan-cpu-gp";
    static final int STEPS = 40;
    static final int QUICK_STEPS = 2;
    static final int SAMPLES = 64;

    @Override
    public String name() {
        return "wgan";
    }

    @Override
    public void run(DemoContext ctx, Report report) throws DataException {
        Path colin = ctx.data().folder().resolve("colin27");
        WganData data = new WganData(colin.resolve("ch2.nii.gz"), colin.resolve("brainmask.nii.gz"), List.of(), 0.6);
        int steps = ctx.quick() ? QUICK_STEPS : STEPS;
        WganConfig cfg = WganConfig.cpu(CriticVariant.GP).withSteps(steps).withSeed(ctx.seed());
        PatchPairs training = data.training(cfg);
        int samples = ctx.quick() ? 8 : SAMPLES;
        Path run = null;
        try (NDManager manager = NDManager.newBaseManager(); WganTrainer trainer = new WganTrainer(cfg, manager)) {
            run = Files.createTempDirectory("segforge-demo-wgan-");
            long t0 = System.nanoTime();
            TrainingResult result = trainer.loop(training, run, 0, List.of()).run();
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            Path shipped = Home.root().resolve(SHIPPED);
            boolean useShipped = Files.isDirectory(shipped);
            List<SyntheticPair> pairs;
            long s0 = System.nanoTime();
            try (WganModel m = useShipped ? WganModel.load(shipped) : null) {
                pairs = (useShipped ? m : trainer.model()).sample(samples, ctx.seed());
            }
            double perSecond = samples / ((System.nanoTime() - s0) / 1e9);
            SplittableRandom r = new SplittableRandom(ctx.seed());
            SampleSet synthetic = set("synthetic", WganData.cases(pairs));
            // two independent draws from the slices the generator learned from: the reference, and
            // the floor (the held-out slices above are another part of the brain, which FID and
            // PRD would mostly measure; they serve the downstream test, docs/RESULTS.md)
            SampleSet reference = set("real", WganData.cases(training.pairs("real", samples, r.split()), cfg, "real"));
            SampleSet realB = set("real (second draw)", WganData.cases(training.pairs("real", samples, r.split()), cfg, "real"));
            Path features = Home.root().resolve(WganEvaluation.DEFAULT_FEATURES);
            PrdConfig prd = ctx.quick() ? new PrdConfig(2, 1001, 2, 1, 50, ctx.seed(), true) : PrdConfig.paper(ctx.seed());
            List<GenerativeEvaluation> scores = WganEvaluation.run(reference, List.of(synthetic, realB), features, true, prd);
            GenerativeEvaluation fake = scores.get(0), floor = scores.get(1);

            report.heading("Synthetic labelled patches (M1, WGAN)");
            report.paragraph(String.format(Locale.ROOT,
                "A WGAN-GP whose generator outputs a 3D patch (32×32×16 at 4 mm) and its brain label together, trained on the lower 60 %% "
                    + "of Colin27's axial slices. This demo trains it for %d steps only (%.0f s, the loss curve below); the samples and scores "
                    + "come from %s. Generated at %.1f pairs/s. FID and PRD against %d real patches of the training slices, on the shipped "
                    + "feature network (%s); a second draw of real patches gives the floor. With %d samples per set FID is "
                    + "biased upwards, so compare the two rows with each other, not with docs/RESULTS.md (256 samples). "
                    + "docs/RESULTS.md compares the critic variants gp, sn, sn-mp, c-sn-mp and dp, and segmenters trained on synthetic pairs.",
                steps, trainSeconds, useShipped ? "the shipped generator (" + SHIPPED + ", see its README)" : "this short run (no shipped generator found)",
                perSecond, samples, fake.featureNetwork(), samples));
            List<List<String>> table = new ArrayList<>();
            table.add(List.of("compared with real patches", "FID", "PRD F8 (recall)", "PRD F1/8 (precision)", "PRD AUC"));
            table.add(row("generated pairs", fake));
            table.add(row("a second draw of real patches", floor));
            report.table(table);
            Path plot = report.workDir().resolve("wgan-losses.png");
            LossCurvePlot.writeMetrics(plot, result.steps(), List.of("wasserstein", "genLoss"), "WGAN-GP: Wasserstein estimate and generator loss");
            report.pictureFile("wgan-losses.png", "The short run: the critic's Wasserstein estimate and the generator's loss per step");
            report.picture("wgan-samples.png", SampleGrid.render(grid(synthetic, 16), Axis.AXIAL, 8, 128),
                "Generated pairs: middle axial slice of each 3D patch, generated brain label in colour");
            report.picture("wgan-real.png", SampleGrid.render(grid(reference, 8), Axis.AXIAL, 8, 128),
                "Real patches with their brain masks, for comparison");
            Map<String, PrdResult> curves = new LinkedHashMap<>();
            curves.put("generated", fake.prd());
            curves.put("real (second draw)", floor.prd());
            report.picture("wgan-prd.png", PrdCurvePlot.render(curves, 640, 420), "PRD curves against the real patches");
        } catch (java.io.IOException e) {
            throw new DataException(run, "cannot create a temporary run folder: " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteTreeQuietly(run);
        }
    }

    private static List<String> row(String name, GenerativeEvaluation e) {
        return List.of(name, String.format(Locale.ROOT, "%.4f", e.fid().fid()), String.format(Locale.ROOT, "%.3f", e.prd().f8()),
            String.format(Locale.ROOT, "%.3f", e.prd().f1over8()), String.format(Locale.ROOT, "%.3f", e.prd().auc()));
    }

    private static SampleSet set(String name, List<Case> cases) {
        List<Volume> images = new ArrayList<>(), labels = new ArrayList<>();
        for (Case c : cases) {
            images.add(c.channels().get(0));
            labels.add(c.label());
        }
        return new SampleSet(name, images, labels);
    }

    private static List<SampleGrid.Sample> grid(SampleSet s, int n) {
        List<SampleGrid.Sample> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, s.size()); i++) {
            out.add(new SampleGrid.Sample(s.images().get(i), s.labels().get(i), ""));
        }
        return out;
    }
}
