import java.nio.file.Path;
import java.util.Arrays;
import org.segforge.core.io.LoadedImage;
import org.segforge.core.io.nifti.NiftiReader;

/**
 * Times NiftiReader on one file: a few warm-up reads, then the median of N timed reads (ms).
 * Not a test (timing depends on the machine); run from the checkout after {@code ./mvnw -o -q -pl core compile}:
 *
 * <pre>
 *   java -cp core/target/classes core/src/test/resources/reference/NiftiReadTiming.java ../shared/data/colin27/ch2.nii.gz 15
 * </pre>
 *
 * The nibabel counterpart (same file, same statistic: median of 15 after warm-up, full decode to an array):
 *
 * <pre>
 *   /usr/bin/python3 core/src/test/resources/reference/nibabel_read_timing.py ../shared/data/colin27/ch2.nii.gz 15
 * </pre>
 */
public class NiftiReadTiming {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        double checksum = 0;
        for (int i = 0; i < 5; i++) {
            checksum += NiftiReader.read(file).volume().data()[0];
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            LoadedImage img = NiftiReader.read(file);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            checksum += img.volume().data()[img.volume().data().length / 2];
        }
        Arrays.sort(ms);
        System.out.printf("SegForge NiftiReader %s: median %.1f ms of %d reads (min %.1f, max %.1f) [checksum %.0f]%n",
            file.getFileName(), ms[n / 2], n, ms[0], ms[n - 1], checksum);
    }
}
