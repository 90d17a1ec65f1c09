package org.segforge.core.transform;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;

/** Small deterministic samples for the transform tests. */
final class TestSamples {
    private TestSamples() {}

    /** A smooth 2-channel image with a 3-class label (values 0, 2, 5), anisotropic spacing. */
    static Sample sample3d(int nx, int ny, int nz) {
        int n = nx * ny * nz;
        float[] img = new float[2 * n];
        float[] lab = new float[n];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    img[i] = (float) (100 + 40 * Math.sin(0.3 * x) * Math.cos(0.2 * y) + 3 * z);
                    img[n + i] = (float) (-5 + 0.1 * x * y - 0.05 * z * z);
                    double r = Math.hypot(x - nx / 2.0, y - ny / 2.0);
                    lab[i] = r < nx / 5.0 ? 5 : r < nx / 3.0 ? 2 : 0;
                }
            }
        }
        Affine a = Affine.scaling(1, 1, nz > 1 ? 1.5 : 1);
        return Sample.of(new Volume(nx, ny, nz, 2, img, a), new Volume(nx, ny, nz, 1, lab, a));
    }

    /** A random square image (uniform noise) with a random label in {0, 1, 3}. */
    static Sample square2d(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] img = new float[n * n], lab = new float[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) r.nextDouble(-50, 200);
            lab[i] = new float[] {0, 1, 3}[r.nextInt(3)];
        }
        return Sample.of(Volume.image2d(n, n, img), Volume.image2d(n, n, lab));
    }

    static TreeSet<Float> values(Volume v) {
        TreeSet<Float> s = new TreeSet<>();
        for (float f : v.data()) {
            s.add(f);
        }
        return s;
    }
}
