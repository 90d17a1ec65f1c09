package org.segforge.nn.features;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.SharedData;
import org.segforge.core.data.patch.Patch;
import org.segforge.core.data.patch.PatchSampler;
import org.segforge.core.image.Intensity;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.transform.GaussianBlur;

/**
 * Real patches for the feature tests: Colin27 (ch2) at 2 mm with the brain mask (ch2bet &gt; 0)
 * as label, 32×32×16 patches centred on brain voxels, each image min-max normalised to [0, 1];
 * plus the obviously bad sets they must be told apart from.
 */
public final class ColinPatches {
    private static Volume[] colin;

    private ColinPatches() {}

    /** {image, mask} at 2 mm (90×108×90), loaded once. */
    public static synchronized Volume[] colin2mm() throws Exception {
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

    /** {images, labels}: {@code n} real patches of size {@code size} from the stream {@code seed}. */
    public static List<List<Volume>> real(int n, int[] size, long seed) throws Exception {
        Volume[] c = colin2mm();
        List<Volume> images = new ArrayList<>(), labels = new ArrayList<>();
        for (Patch p : new PatchSampler(size, 1.0, 0f).sample(c[0], c[1], n, seed)) {
            images.add(Intensity.minMax(p.image()));
            labels.add(p.label());
        }
        return List.of(images, labels);
    }

    /** Uniform noise images and labels (noise thresholded at 0.5), the output of a broken generator. */
    public static List<List<Volume>> noise(List<Volume> like, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Volume> images = new ArrayList<>(), labels = new ArrayList<>();
        for (Volume v : like) {
            float[] a = new float[v.data().length], b = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.nextDouble();
                b[i] = rng.nextDouble() < 0.5 ? 1 : 0;
            }
            images.add(v.withData(a));
            labels.add(v.withData(b));
        }
        return List.of(images, labels);
    }

    /** The images blurred with a Gaussian of {@code sigma} voxels (labels unchanged). */
    public static List<Volume> blurred(List<Volume> images, double sigma) {
        List<Volume> out = new ArrayList<>();
        for (Volume v : images) {
            out.add(GaussianBlur.blur(v, sigma));
        }
        return out;
    }
}
