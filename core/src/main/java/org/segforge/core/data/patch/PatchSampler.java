package org.segforge.core.data.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;

/**
 * Draws training patches from a case with foreground oversampling, as nnU-Net does: with
 * probability {@code foregroundFraction} (a third by default) a patch is centred on a random voxel
 * of a random foreground class present in the label (each class equally likely, so that small
 * classes are seen); otherwise its position is uniform over all positions that keep it inside the
 * volume. Along an axis where the volume is smaller than the patch, the volume lies entirely inside
 * the patch and the rest is padded (image with {@code imagePad}, label with 0).
 *
 * <p>2D images are volumes with nz = 1 and a patch depth of 1. Patches carry affines that keep the
 * world position of every voxel. Deterministic for a given random stream.
 */
public final class PatchSampler {
    /** nnU-Net's default share of foreground-centred patches. */
    public static final double DEFAULT_FOREGROUND_FRACTION = 1.0 / 3.0;

    private final int px, py, pz;
    private final double foregroundFraction;
    private final float imagePad;

    /**
     * @param patchSize {x, y} or {x, y, z} in voxels
     * @param foregroundFraction probability that a patch is centred on foreground, in [0, 1]
     * @param imagePad image value outside the volume
     */
    public PatchSampler(int[] patchSize, double foregroundFraction, float imagePad) {
        if (patchSize.length != 2 && patchSize.length != 3) {
            throw new IllegalArgumentException("patch size needs 2 or 3 values, got " + patchSize.length);
        }
        for (int s : patchSize) {
            if (s < 1) {
                throw new IllegalArgumentException("patch sizes must be ≥ 1, got " + java.util.Arrays.toString(patchSize));
            }
        }
        if (!(foregroundFraction >= 0 && foregroundFraction <= 1)) {
            throw new IllegalArgumentException("foreground fraction must be in [0, 1], got " + foregroundFraction);
        }
        this.px = patchSize[0];
        this.py = patchSize[1];
        this.pz = patchSize.length == 3 ? patchSize[2] : 1;
        this.foregroundFraction = foregroundFraction;
        this.imagePad = imagePad;
    }

    public PatchSampler(int... patchSize) {
        this(patchSize, DEFAULT_FOREGROUND_FRACTION, 0f);
    }

    /** {x, y, z} (z = 1 for 2D). */
    public int[] patchSize() {
        return new int[] {px, py, pz};
    }

    /** {@code count} patches from one stream seeded with {@code seed}. */
    public List<Patch> sample(Volume image, Volume label, int count, long seed) {
        LabelIndex index = LabelIndex.of(label);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Patch> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(image, label, index, rng));
        }
        return out;
    }

    /**
     * One patch. {@code index} must describe {@code label} ({@link LabelIndex#of}); without
     * foreground every patch is uniform.
     */
    public Patch sample(Volume image, Volume label, LabelIndex index, SplittableRandom rng) {
        if (label.nt() != 1 || image.nx() != label.nx() || image.ny() != label.ny() || image.nz() != label.nz()) {
            throw new IllegalArgumentException("image " + image + " and label " + label + " do not share a grid");
        }
        boolean fg = rng.nextDouble() < foregroundFraction && index.hasForeground();
        int x0, y0, z0, centreClass = 0;
        if (fg) {
            int k = rng.nextInt(index.classes().length);
            centreClass = index.classes()[k];
            int[] vox = index.voxels()[k];
            int v = vox[rng.nextInt(vox.length)];
            int nx = image.nx(), ny = image.ny();
            x0 = centred(v % nx, px, nx);
            y0 = centred((v / nx) % ny, py, ny);
            z0 = centred(v / (nx * ny), pz, image.nz());
        } else {
            x0 = uniform(rng, px, image.nx());
            y0 = uniform(rng, py, image.ny());
            z0 = uniform(rng, pz, image.nz());
        }
        return new Patch(cut(image, x0, y0, z0, imagePad), cut(label, x0, y0, z0, 0f), x0, y0, z0, centreClass);
    }

    /** Start of a patch of size p centred on c, moved inside [min(0, n−p), max(0, n−p)]. */
    private static int centred(int c, int p, int n) {
        int lo = Math.min(0, n - p), hi = Math.max(0, n - p);
        return Math.max(lo, Math.min(hi, c - p / 2));
    }

    private static int uniform(SplittableRandom rng, int p, int n) {
        int lo = Math.min(0, n - p), hi = Math.max(0, n - p);
        return lo + rng.nextInt(hi - lo + 1);
    }

    /**
     * The box [x0, x0+px) × [y0, y0+py) × [z0, z0+pz) of every frame of {@code v}, with {@code pad}
     * outside the volume, and an affine that keeps world positions.
     */
    public Volume cut(Volume v, int x0, int y0, int z0, float pad) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz(), nt = v.nt();
        float[] src = v.data();
        float[] dst = new float[Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(px, py), pz), nt)];
        if (pad != 0f) {
            java.util.Arrays.fill(dst, pad);
        }
        int xa = Math.max(0, x0), xb = Math.min(nx, x0 + px);
        for (int t = 0; t < nt; t++) {
            for (int z = 0; z < pz; z++) {
                int sz = z0 + z;
                if (sz < 0 || sz >= nz || xa >= xb) {
                    continue;
                }
                for (int y = 0; y < py; y++) {
                    int sy = y0 + y;
                    if (sy < 0 || sy >= ny) {
                        continue;
                    }
                    int s = xa + nx * (sy + ny * (sz + nz * t));
                    int d = (xa - x0) + px * (y + py * (z + pz * t));
                    System.arraycopy(src, s, dst, d, xb - xa);
                }
            }
        }
        Affine shift = Affine.of(1, 0, 0, x0, 0, 1, 0, y0, 0, 0, 1, z0, 0, 0, 0, 1);
        return new Volume(px, py, pz, nt, dst, v.affine().multiply(shift));
    }
}
