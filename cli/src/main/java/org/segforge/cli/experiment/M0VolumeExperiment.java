package org.segforge.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segforge.cli.demo.DemoData;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.image.Box;
import org.segforge.core.image.CropPad;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.metric.CaseMetrics;
import org.segforge.nn.seg.SegEvaluation;
import org.segforge.nn.seg.SegTrainer;
import org.segforge.nn.seg.SegTrainingConfig;

/**
 * M0 in 3D: a 3D U-Net (cpu preset) trained on patches of the lower part of the Colin27 volume
 * (axial slices z &lt; {@code trainTop}) with its brain mask, then segmenting a held-out slab above
 * a gap (z ≥ {@code testBottom}) by sliding windows; Dice of the slab and the peak RSS.
 *
 * @param dice        Dice of the held-out slab
 * @param hd95        HD95 (mm) of the held-out slab
 * @param seconds     training time
 * @param stepSeconds mean time per step
 * @param peakRssMiB  peak resident memory of the process after training and inference
 */
public record M0VolumeExperiment(double dice, double hd95, double seconds, double stepSeconds, double peakRssMiB) {

    public static M0VolumeExperiment run(DemoData d, long steps, int patch, int batch, long seed, int trainTop, int testBottom)
            throws DataException {
        Volume t1 = d.t1(), mask = d.brainMask();
        if (!(trainTop > 0 && testBottom > trainTop && testBottom < t1.nz())) {
            throw new IllegalArgumentException("need 0 < trainTop < testBottom < " + t1.nz() + ", got " + trainTop + ", " + testBottom);
        }
        Box lower = new Box(0, 0, 0, t1.nx(), t1.ny(), trainTop);
        Box upper = new Box(0, 0, testBottom, t1.nx(), t1.ny(), t1.nz());
        Case train = Case.of("colin27-lower", CropPad.crop(t1, lower), CropPad.crop(mask, lower));
        Case test = Case.of("colin27-upper", CropPad.crop(t1, upper), CropPad.crop(mask, upper));
        SegTrainingConfig cfg = SegTrainingConfig.cpu(3, 1, 2).withSteps(steps).withSeed(seed)
            .withPatch(List.of(patch, patch, patch), batch);
        Path dir;
        try {
            dir = Files.createTempDirectory("segforge-3d-");
        } catch (IOException e) {
            throw new DataException("cannot create a temporary run folder: " + e.getMessage());
        }
        try (SegTrainer.Run r = new SegTrainer(cfg).train(List.of(train), List.of(), dir, false)) {
            List<CaseMetrics> m = SegEvaluation.evaluate(r.model(), List.of(test), false, 0.5);
            double mean = r.result().steps().stream().mapToDouble(s -> s.seconds()).average().orElse(Double.NaN);
            return new M0VolumeExperiment(SegEvaluation.meanDice(m), SegEvaluation.caseHd95(m)[0], r.result().seconds(), mean,
                PeakMemory.peakRssMiB());
        } finally {
            AtomicFiles.deleteTreeQuietly(dir);
        }
    }
}
