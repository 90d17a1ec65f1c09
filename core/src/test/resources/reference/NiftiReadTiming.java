import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.segforge.core.io.LoadedImage;
import org.segforge.core.io.nifti.NiftiReader;

/**
 * Times NiftiReader on one file: the first (cold) read, then after a few warm-up reads the median of
 * N timed reads, both as wall-clock time and as process CPU time (all JVM threads, so GC and JIT
 * count). CPU time is the fairer number on a shared, loaded machine. Not a test (timing depends on
 * the machine); run from the checkout after {@code ./mvnw -o -q -pl core compile}:
 *
 * <pre>
 *   java -cp core/target/classes core/src/test/resources/reference/NiftiReadTiming.java ../shared/data/colin27/ch2.nii.gz 15
 * </pre>
 *
 * The nibabel counterpart (same file, same statistics, full decode to an array):
 *
 * <pre>
 *   /usr/bin/python3 core/src/test/resources/reference/nibabel_read_timing.py ../shared/data/colin27/ch2.nii.gz 15
 * </pre>
 */
public class NiftiReadTiming {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        double checksum = NiftiReader.read(file).volume().data()[0];
        double cold = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < 5; i++) {
            checksum += NiftiReader.read(file).volume().data()[0];
        }
        double[] wall = new double[n], cpu = new double[n];
        for (int i = 0; i < n; i++) {
            long c0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            LoadedImage img = NiftiReader.read(file);
            wall[i] = (System.nanoTime() - w0) / 1e6;
            cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
            checksum += img.volume().data()[img.volume().data().length / 2];
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("SegForge NiftiReader %s: median wall %.1f ms, median CPU %.1f ms of %d reads"
            + " (wall min %.1f, max %.1f; first cold read %.1f ms) [checksum %.0f]%n",
            file.getFileName(), wall[n / 2], cpu[n / 2], n, wall[0], wall[n - 1], cold, checksum);
    }
}
