package org.segforge.cli.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segforge.core.SharedData;
import org.segforge.core.data.Case;
import org.segforge.core.data.Dataset;
import org.segforge.core.data.patch.Patch;
import org.segforge.core.data.patch.PatchSampler;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.dataset.NnUnetDataset;
import org.segforge.core.transform.GaussianBlur;

/**
 * Real patch datasets for the evaluation tests: Colin27 ch2 at 2 mm with the brain mask
 * (ch2bet &gt; 0) as label, patches centred on brain voxels, written in the nnU-Net layout — what
 * {@code segforge wgan sample} writes for synthetic patches.
 */
public final class PatchDatasets {
    private static Volume[] colin;

    private PatchDatasets() {}

    static synchronized Volume[] colin2mm() throws Exception {
        if (colin == null) {
            Volume img = ImageFiles.readVolume(SharedData.file("colin27/ch2.nii.gz"));
            Volume bet = ImageFiles.readVolume(SharedData.file("colin27/ch2bet.nii.gz"));
            float[] m = bet.data().clone();
            for (int i = 0; i < m.length; i++) {
                m[i] = m[i] > 0 ? 1 : 0;
            }
            colin = new Volume[] {Resize.to(img, 90, 108, 90, Resize.Mode.AREA), Resize.to(bet.withData(m), 90, 108, 90, Resize.Mode.NEAREST)};
        }
        return colin;
    }

    /**
     * Writes {@code n} patches of {@code size} drawn with {@code seed} as a dataset in {@code folder};
     * images blurred by {@code blurSigma} voxels when it is positive.
     */
    public static Path write(Path folder, int n, int[] size, long seed, double blurSigma) throws Exception {
        Volume[] c = colin2mm();
        List<Case> cases = new ArrayList<>();
        int i = 0;
        for (Patch p : new PatchSampler(size, 1.0, 0f).sample(c[0], c[1], n, seed)) {
            Volume img = blurSigma > 0 ? GaussianBlur.blur(p.image(), blurSigma) : p.image();
            cases.add(Case.of(String.format("patch_%03d", i++), img, p.label()));
        }
        Dataset d = Dataset.inMemory("colin-patches", List.of("T1"), Map.of(0, "background", 1, "brain"), cases, List.of());
        NnUnetDataset.write(d, folder, false);
        return folder;
    }
}
