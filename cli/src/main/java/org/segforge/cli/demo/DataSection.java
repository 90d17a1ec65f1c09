package org.segforge.cli.demo;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.segforge.cli.report.ContactSheet;
import org.segforge.cli.report.Overlay;
import org.segforge.cli.report.Report;
import org.segforge.core.DataException;
import org.segforge.core.data.SliceCounts;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Intensity;
import org.segforge.core.image.Labels;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/** The embedded data: what each file holds, and pictures of the labels over the T1 image. */
public final class DataSection implements DemoSection {
    @Override
    public String name() {
        return "data";
    }

    @Override
    public void run(DemoContext ctx, Report report) throws DataException {
        DemoData d = ctx.data();
        report.heading("The data");
        report.paragraph("Real images and expert labels embedded in the checkout (data/demo, licenses in its README): "
            + "the Colin27 T1 MRI (one subject, 1 mm), its brain mask, the AAL atlas (" + d.aalNames().size()
            + " named regions) and the Brodmann areas, all on one voxel grid, and " + d.lesionFiles().size()
            + " real stroke-lesion masks on the same grid.");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("volume", "shape", "spacing (mm)", "values"));
        rows.add(row("T1 (ch2)", d.t1(), "intensity " + range(d.t1())));
        rows.add(row("brain mask", d.brainMask(), Labels.counts(d.brainMask()).getOrDefault(1, 0L) + " brain voxels"));
        rows.add(row("AAL atlas", d.aal(), (Labels.values(d.aal()).length - 1) + " regions"));
        rows.add(row("Brodmann areas", d.brodmann(), (Labels.values(d.brodmann()).length - 1) + " areas"));
        report.table(rows);

        ContactSheet sheet = new ContactSheet(3, 256);
        float[] window = window(d.t1());
        for (Axis axis : Axis.values()) {
            int mid = centreSlice(d.brainMask(), axis);
            Volume img = Slices.extract(d.t1(), axis, mid);
            sheet.add(Overlay.render(img, Slices.extract(d.brainMask(), axis, mid), window[0], window[1]), axis.label() + " " + mid + ": brain mask");
            sheet.add(Overlay.render(img, Slices.extract(d.aal(), axis, mid), window[0], window[1]), axis.label() + " " + mid + ": AAL");
            sheet.add(Overlay.render(img, Slices.extract(d.brodmann(), axis, mid), window[0], window[1]), axis.label() + " " + mid + ": Brodmann");
        }
        report.picture("data-labels.png", sheet.render(), "Colin27 T1 with the brain mask, AAL and Brodmann labels, through the brain's centre along each axis");

        if (!d.lesionFiles().isEmpty()) {
            ContactSheet lesions = new ContactSheet(6, 160);
            int shown = ctx.quick() ? Math.min(6, d.lesionFiles().size()) : Math.min(12, d.lesionFiles().size());
            for (int i = 0; i < shown; i++) {
                Volume mask = ImageFiles.readVolume(d.lesionFiles().get(i));
                int z = largestSlice(mask, Axis.AXIAL);
                BufferedImage pic = Overlay.render(Slices.extract(d.t1(), Axis.AXIAL, z), Slices.extract(mask, Axis.AXIAL, z), window[0], window[1]);
                lesions.add(pic, d.lesionFiles().get(i).getFileName().toString().replace(".nii.gz", "") + " z=" + z);
            }
            report.picture("data-lesions.png", lesions.render(), "Real lesion masks on the Colin27 grid, each on its axial slice of largest area");
        }
    }

    private static List<String> row(String name, Volume v, String values) {
        int[] s = v.shape();
        double[] sp = v.spacing();
        return List.of(name, s[0] + "×" + s[1] + "×" + s[2],
            String.format(Locale.ROOT, "%.2f×%.2f×%.2f", sp[0], sp[1], sp[2]), values);
    }

    private static String range(Volume v) {
        float[] r = v.range();
        return String.format(Locale.ROOT, "%.0f…%.0f", r[0], r[1]);
    }

    /** Display window: 0.5th to 99.5th percentile, so a few bright voxels do not wash out the picture. */
    static float[] window(Volume v) {
        double[] p = Intensity.percentiles(v, null, 0.5, 99.5);
        return new float[] {(float) p[0], (float) p[1]};
    }

    /** The slice through the centre of mass of a mask's nonzero voxels. */
    static int centreSlice(Volume mask, Axis axis) {
        int[] perSlice = foregroundPerSlice(mask, axis);
        double sum = 0, weighted = 0;
        for (int i = 0; i < perSlice.length; i++) {
            sum += perSlice[i];
            weighted += (double) i * perSlice[i];
        }
        return sum == 0 ? perSlice.length / 2 : (int) Math.round(weighted / sum);
    }

    static int largestSlice(Volume mask, Axis axis) {
        int[] perSlice = foregroundPerSlice(mask, axis);
        int best = perSlice.length / 2;
        for (int i = 0; i < perSlice.length; i++) {
            if (perSlice[i] > perSlice[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] foregroundPerSlice(Volume mask, Axis axis) {
        SliceCounts counts = SliceCounts.of(mask);
        List<Integer> foreground = new ArrayList<>();
        for (int v : counts.values()) {
            if (v != 0) {
                foreground.add(v);
            }
        }
        return counts.perSlice(axis, foreground);
    }
}
