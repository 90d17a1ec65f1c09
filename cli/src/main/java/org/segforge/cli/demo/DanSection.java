package org.segforge.cli.demo;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.segforge.cli.report.ContactSheet;
import org.segforge.cli.report.LossCurvePlot;
import org.segforge.cli.report.Overlay;
import org.segforge.cli.report.Report;
import org.segforge.core.DataException;
import org.segforge.core.data.Fingerprints;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.metric.SegmentationMetrics;
import org.segforge.nn.dan.DanConfig;
import org.segforge.nn.dan.DanData;
import org.segforge.nn.dan.DanTrainer;
import org.segforge.nn.dan.PartialAnnotation;
import org.segforge.nn.seg.UNetConfig;
import org.segforge.nn.train.TrainingResult;

/**
 * M4 in its everyday setting: a volume of which one slice was annotated. DAN trains a 2D
 * segmenter on that slice, learns from the ten unannotated slices around it through its
 * evaluation network, and segments the whole volume.
 */
public final class DanSection implements DemoSection {
    /** The volume at 3 mm (60×72×60), so that one 64×80 patch holds a whole axial slice. */
    static final int NX = 60, NY = 72, NZ = 60;
    static final int STEPS = 100;
    static final int QUICK_STEPS = 2;

    @Override
    public String name() {
        return "dan";
    }

    @Override
    public void run(DemoContext ctx, Report report) throws DataException {
        DemoData d = ctx.data();
        Volume image = Resize.to(d.t1(), NX, NY, NZ, Resize.Mode.AREA);
        Volume mask = Resize.to(d.brainMask(), NX, NY, NZ, Resize.Mode.NEAREST);
        int centre = DataSection.centreSlice(mask, Axis.AXIAL);
        SortedSet<Integer> annotated = new TreeSet<>(List.of(centre));
        DanData data = PartialAnnotation.pools(image, mask, annotated, 5, 2);
        int steps = ctx.quick() ? QUICK_STEPS : STEPS;
        DanConfig cfg = DanConfig.cpu(2).withSn(UNetConfig.cpu(2, 1, 2).withWidth(8, 64).withDepth(3)).withPatch(64, 80)
            .withSteps(steps, steps).withSeed(ctx.seed());
        Path run = null;
        try (NDManager manager = NDManager.newBaseManager(); DanTrainer trainer = new DanTrainer(cfg, manager)) {
            run = Files.createTempDirectory("segforge-demo-dan-");
            long t = System.nanoTime();
            TrainingResult result = trainer.loop(data, run.toString(), Fingerprints.ofVolume(image), 0, List.of()).run();
            double seconds = (System.nanoTime() - t) / 1e9;
            Volume seg = PartialAnnotation.segment(trainer.model(), manager, image, 64, 80, mask, annotated);
            double near = dice(sub(seg, centre - 5, centre + 6), sub(mask, centre - 5, centre + 6));
            double whole = dice(seg, mask);

            report.heading("Learning from unannotated slices (M4, DAN)");
            report.paragraph(String.format(Locale.ROOT,
                "Colin27 at 3 mm (%d×%d×%d) with one annotated axial slice (z=%d) and the ten unannotated slices around it. "
                    + "DAN pre-trains a 2D U-Net segmenter on the annotated slice for %d steps, then alternates %d steps of its evaluation "
                    + "network (annotated vs unannotated pairs) and of the segmenter (cross-entropy + λ·fool the evaluation network), "
                    + "and segments every slice (%.0f s). Brain Dice against the real mask: %.3f on the 11 slices around the annotation, "
                    + "%.3f on the whole volume. docs/RESULTS.md compares DAN with the segmenter alone over seeds: on this data it did not help.",
                NX, NY, NZ, centre, steps, steps, seconds, near, whole));
            Path plot = report.workDir().resolve("dan-losses.png");
            LossCurvePlot.writeMetrics(plot, result.steps(), List.of("loss", "ce", "en"), "DAN: segmenter and evaluation network losses");
            report.pictureFile("dan-losses.png", "DAN losses per step: segmenter total and cross-entropy, evaluation network BCE");
            ContactSheet sheet = new ContactSheet(6, 160);
            float[] window = DataSection.window(image);
            for (int z : new int[] {centre - 20, centre - 10, centre - 3, centre, centre + 3, centre + 10}) {
                if (z < 0 || z >= NZ) {
                    continue;
                }
                sheet.add(Overlay.render(Slices.extract(image, Axis.AXIAL, z), Slices.extract(seg, Axis.AXIAL, z), window[0], window[1]),
                    "z=" + z + (z == centre ? " (annotated)" : ""));
            }
            report.picture("dan-segmentation.png", sheet.render(), "DAN's segmentation of slices it never saw labelled, from one annotated slice");
        } catch (java.io.IOException e) {
            throw new DataException(run, "cannot create a temporary run folder: " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteTreeQuietly(run);
        }
    }

    private static double dice(Volume pred, Volume ref) throws DataException {
        return SegmentationMetrics.compute(pred, ref, 1).get(1).dice();
    }

    private static Volume sub(Volume v, int z0, int z1) {
        int a = Math.max(0, z0), b = Math.min(v.nz(), z1);
        int plane = v.nx() * v.ny();
        return new Volume(v.nx(), v.ny(), b - a, 1, java.util.Arrays.copyOfRange(v.data(), a * plane, b * plane), v.affine());
    }
}
