package org.segforge.core.image;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.segforge.core.SharedData;
import org.segforge.core.io.ImageFiles;

/**
 * Timings on Colin27, run only on request:
 * {@code ./mvnw -o -q -pl core test -Dtest=VolumeOpsBenchmark -Dsegforge.bench=true}.
 * Prints the median of 9 runs after 3 warm-up runs.
 */
@EnabledIfSystemProperty(named = "segforge.bench", matches = "true")
class VolumeOpsBenchmark {
    interface Job {
        Object run() throws Exception;
    }

    static double medianMillis(Job job) throws Exception {
        for (int i = 0; i < 3; i++) {
            job.run();
        }
        double[] t = new double[9];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            job.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    @Test
    void timings() throws Exception {
        Volume ch2 = ImageFiles.readVolume(SharedData.file("colin27/ch2.nii.gz"));
        Volume mask = Labels.nonzero(ch2);
        System.out.printf("threads (common pool parallelism + caller): %d%n", java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
        for (Resize.Mode m : Resize.Mode.values()) {
            double perSlice = medianMillis(() -> {
                for (int z = 0; z < ch2.nz(); z++) {
                    Resize.image(Slices.extract(ch2, Axis.AXIAL, z), 128, 128, m);
                }
                return null;
            });
            double whole = medianMillis(() -> Resize.to(ch2, 128, 128, ch2.nz(), m));
            System.out.printf("resize %s, 181 axial slices 181x217 -> 128x128: slice by slice %.1f ms, one call %.1f ms%n", m, perSlice, whole);
        }
        System.out.printf("percentiles 0.5/99.5 of ch2 voxels > 0 (4.15 M): %.1f ms%n",
            medianMillis(() -> Intensity.percentiles(ch2, mask, 0.5, 99.5)));
        System.out.printf("stats + 7 percentiles of all ch2 voxels (7.1 M): %.1f ms%n",
            medianMillis(() -> Intensity.stats(ch2, 0.5, 1, 25, 50, 75, 99, 99.5)));
        System.out.printf("full sort of ch2 voxels (for comparison): %.1f ms%n",
            medianMillis(() -> {
                float[] a = ch2.data().clone();
                Arrays.sort(a);
                return a;
            }));
        System.out.printf("zScore over the nonzero mask: %.1f ms%n", medianMillis(() -> Intensity.zScore(ch2, mask)));
        System.out.printf("label counts of ch2: %.1f ms%n", medianMillis(() -> Labels.counts(ch2)));
    }
}
