package org.segforge.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.segforge.core.image.Labels;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.LoadedImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info",
    header = "Shows the format, geometry, data type, range and labels of images.", mixinStandardHelpOptions = true,
    description = {"Shows format, shape, spacing, affine, data type and intensity range of images;",
        "for label maps (integer images with few distinct values) also the label values and voxel counts."},
    footer = {"", "Example:", "  segforge info data/demo/colin27/ch2.nii.gz data/demo/colin27/aal.nii.gz --json"})
public final class InfoCommand implements Callable<Integer> {
    /**
     * An integer image with at most this many distinct values is shown as a label map (AAL has
     * 117 values, a uint8 T1 about 250); --label-map and --no-label-map override the guess.
     */
    static final int MAX_LABELS = 128;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files or DICOM series folders.")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--header", description = "Also print every header field the format stores.")
    boolean header;

    @Option(names = "--label-map", negatable = true,
        description = "Show (or with --no-label-map, never show) label values and voxel counts; by default shown for integer images with at most " + MAX_LABELS + " distinct values whose neighbouring voxels mostly agree.")
    Boolean labelMap;

    @Override
    public Integer call() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Path f : files) {
            all.add(describe(ImageFiles.read(f), header || json, labelMap));
        }
        if (json) {
            ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            System.out.println(om.writeValueAsString(all.size() == 1 ? all.get(0) : all));
        } else {
            for (Map<String, Object> d : all) {
                printText(d);
            }
        }
        return 0;
    }

    static Map<String, Object> describe(LoadedImage im, boolean withHeader, Boolean labelMap) {
        Volume v = im.volume();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", im.file().toString());
        d.put("format", im.format());
        d.put("shape", v.shape());
        d.put("spacing", v.spacing());
        d.put("dataType", im.storedType() == null ? null : im.storedType().name().toLowerCase(Locale.ROOT));
        double[] a = v.affine().toArray();
        d.put("affine", new double[][] {
            {a[0], a[1], a[2], a[3]}, {a[4], a[5], a[6], a[7]}, {a[8], a[9], a[10], a[11]}, {a[12], a[13], a[14], a[15]}});
        float[] r = v.range();
        d.put("min", r[0]);
        d.put("max", r[1]);
        double sum = 0;
        for (float x : v.data()) {
            sum += x;
        }
        d.put("mean", sum / v.data().length);
        if (!Boolean.FALSE.equals(labelMap) && Labels.isIntegral(v)) {
            int[] values = Labels.values(v);
            if (Boolean.TRUE.equals(labelMap) || (values.length <= MAX_LABELS && looksPiecewiseConstant(v))) {
                Map<String, Long> labels = new LinkedHashMap<>();
                Labels.counts(v).forEach((value, count) -> labels.put(Integer.toString(value), count));
                d.put("labels", labels);
            }
        }
        if (withHeader) {
            d.put("header", im.header());
        }
        return d;
    }

    /**
     * Label maps are made of regions: neighbouring foreground voxels almost always share their
     * value, while in an integer-valued scan (8-bit MRI, HU) they mostly differ. Counted along x
     * over pairs where at least one voxel is nonzero, so that background does not decide.
     */
    static boolean looksPiecewiseConstant(Volume v) {
        float[] d = v.data();
        long pairs = 0, same = 0;
        for (int i = 0; i + 1 < d.length; i++) {
            if ((i + 1) % v.nx() == 0 || (d[i] == 0 && d[i + 1] == 0)) {
                continue;
            }
            pairs++;
            if (d[i] == d[i + 1]) {
                same++;
            }
        }
        return pairs == 0 || same >= 0.8 * pairs;
    }

    private static void printText(Map<String, Object> d) {
        System.out.println(d.get("file"));
        System.out.printf(Locale.ROOT, "  format     %s%n", d.get("format"));
        System.out.printf(Locale.ROOT, "  shape      %s%n", join((int[]) d.get("shape"), " × "));
        double[] s = (double[]) d.get("spacing");
        System.out.printf(Locale.ROOT, "  spacing    %.6g × %.6g × %.6g mm%n", s[0], s[1], s[2]);
        System.out.printf(Locale.ROOT, "  data type  %s%n", d.get("dataType"));
        System.out.printf(Locale.ROOT, "  range      %s … %s (mean %.6g)%n", fmt((float) d.get("min")), fmt((float) d.get("max")), (double) d.get("mean"));
        double[][] a = (double[][]) d.get("affine");
        for (int i = 0; i < 3; i++) {
            System.out.printf(Locale.ROOT, "  %s  [%10.4f %10.4f %10.4f %10.4f]%n", i == 0 ? "affine   " : "         ", a[i][0], a[i][1], a[i][2], a[i][3]);
        }
        @SuppressWarnings("unchecked")
        Map<String, Long> labels = (Map<String, Long>) d.get("labels");
        if (labels != null) {
            System.out.printf(Locale.ROOT, "  labels     %d values (value: voxels)%n", labels.size());
            StringBuilder line = new StringBuilder("    ");
            for (var e : labels.entrySet()) {
                String item = e.getKey() + ": " + e.getValue();
                if (line.length() + item.length() > 96) {
                    System.out.println(line.toString().stripTrailing());
                    line = new StringBuilder("    ");
                }
                line.append(item).append("   ");
            }
            System.out.println(line.toString().stripTrailing());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> h = (Map<String, Object>) d.get("header");
        if (h != null) {
            System.out.println("  header");
            h.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-16s %s%n", k, v instanceof double[] arr ? java.util.Arrays.toString(arr) : v));
        }
    }

    private static String join(int[] v, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : sep).append(v[i]);
        }
        return b.toString();
    }

    private static String fmt(float f) {
        return f == Math.rint(f) && Math.abs(f) < 1e9 ? Long.toString((long) f) : String.format(Locale.ROOT, "%.6g", f);
    }
}
