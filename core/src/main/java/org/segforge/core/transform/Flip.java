package org.segforge.core.transform;

import org.segforge.core.image.Volume;

/**
 * Mirrors image and label along the chosen voxel axes (an exact index permutation, no
 * interpolation). The affine is kept, as TorchIO does: the data move, the grid stays. A z flip is
 * ignored on 2D samples.
 */
public record Flip(boolean x, boolean y, boolean z) implements Transform {
    @Override
    public Sample apply(Sample sample) {
        boolean fz = z && !sample.is2d();
        if (!x && !y && !fz) {
            return sample;
        }
        Volume image = flip(sample.image(), x, y, fz);
        Volume label = sample.hasLabel() ? flip(sample.label(), x, y, fz) : null;
        return new Sample(image, label);
    }

    static Volume flip(Volume v, boolean fx, boolean fy, boolean fz) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        float[] src = v.data();
        float[] out = new float[src.length];
        for (int t = 0; t < v.nt(); t++) {
            for (int k = 0; k < nz; k++) {
                int sk = fz ? nz - 1 - k : k;
                for (int j = 0; j < ny; j++) {
                    int sj = fy ? ny - 1 - j : j;
                    int o = nx * (j + ny * (k + nz * t));
                    int s = nx * (sj + ny * (sk + nz * t));
                    if (fx) {
                        for (int i = 0; i < nx; i++) {
                            out[o + i] = src[s + nx - 1 - i];
                        }
                    } else {
                        System.arraycopy(src, s, out, o, nx);
                    }
                }
            }
        }
        return v.withData(out);
    }
}
