package org.segforge.core.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import org.segforge.core.SharedData;
import org.segforge.core.image.CoordinateMap;
import org.segforge.core.image.Interpolation;
import org.segforge.core.image.Volume;
import org.segforge.core.image.Warp;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.transform.ElasticDeformation;
import org.segforge.core.transform.Rotation;
import org.segforge.core.transform.Sample;
import org.segforge.core.transform.Scaling;
import org.segforge.core.transform.SpatialWarp;

/**
 * Java side of the 3D augmentation benchmark; the scipy side with the same parameters is
 * core/src/test/resources/reference/bench_warp.py. Not a test. Run from the worktree root:
 * <pre>
 *   ./mvnw -o -q -pl core test-compile
 *   java -cp core/target/classes:core/target/test-classes:$(find ~/.m2/repository/org/ejml -name '*0.44.0.jar' | tr '\n' ':') \
 *       org.segforge.core.bench.WarpBenchmark [../shared/data/colin27/ch2.nii.gz] [runs]
 * </pre>
 * (the NIfTI reader needs EJML on the class path). Timing: two warm-up runs, then the median of
 * {@code runs} (default 5).
 */
public final class WarpBenchmark {
    private WarpBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path path = args.length > 0 ? Path.of(args[0]) : SharedData.file("colin27/ch2.nii.gz");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Volume img = ImageFiles.readVolume(path);
        float fill = img.range()[0];
        SpatialWarp rigid = new SpatialWarp(new Rotation(10, -7, 12), Scaling.isotropic(1.1), ElasticDeformation.NONE);
        SpatialWarp withElastic = new SpatialWarp(new Rotation(10, -7, 12), Scaling.isotropic(1.1), new ElasticDeformation(3, 16, 1));
        CoordinateMap affineMap = rigid.coordinateMap(img);
        CoordinateMap fieldMap = withElastic.coordinateMap(img);
        Sample sample = Sample.of(img);

        Volume check = Warp.apply(img, affineMap, Interpolation.LINEAR, fill);
        System.out.printf("volume %s, %d processors; affine-only output mean %.6f%n",
                Arrays.toString(img.shape()), Runtime.getRuntime().availableProcessors(), mean(check));
        time("Warp affine only (rotation+scaling), linear", runs, () -> Warp.apply(img, affineMap, Interpolation.LINEAR, fill));
        time("Warp with precomputed field, linear", runs, () -> Warp.apply(img, fieldMap, Interpolation.LINEAR, fill));
        time("full: SpatialWarp rotation+scaling+elastic (field + warp)", runs, () -> withElastic.apply(sample).image());
    }

    private static double mean(Volume v) {
        double s = 0;
        for (float f : v.data()) {
            s += f;
        }
        return s / v.data().length;
    }

    /**
     * Median wall time and median process CPU time (all threads, including GC) per run; on a
     * shared machine the CPU time is the fairer comparison with single-threaded scipy.
     */
    private static void time(String name, int runs, Supplier<Volume> f) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 2; i++) {
            f.get(); // warm-up: JIT
        }
        long[] wall = new long[runs], cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            f.get();
            wall[i] = (System.nanoTime() - t0) / 1_000_000;
            cpu[i] = (os.getProcessCpuTime() - c0) / 1_000_000;
        }
        System.out.printf("%s: median wall %d ms, cpu %d ms  (wall %s, cpu %s)%n", name, median(wall), median(cpu),
                Arrays.toString(wall), Arrays.toString(cpu));
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
