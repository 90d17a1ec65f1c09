package org.segforge.nn.wgan;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.DataException;
import org.segforge.core.data.patch.LabelIndex;
import org.segforge.core.data.patch.Patch;
import org.segforge.core.data.patch.PatchSampler;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.data.BatchMaker;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.data.HostBatch;

/**
 * The real (image, label) pairs a WGAN learns from: one volume and a binary label on its grid,
 * resampled to the config's isotropic voxel size, from which every step cuts random patches —
 * 3D patches, or axial slices when the config is 2D — centred on a label voxel with probability
 * {@code foregroundFraction} (core's {@link PatchSampler}).
 *
 * <p>Values: the image is min–max normalised over the volume to [−1, 1] (outside the volume: −1),
 * the label is mapped {0, 1} → {−1, 1}, matching the generator's tanh output. A step's batch is
 * one array "real" of shape (criticSteps·batch, 2, [D,] H, W), channel 0 image, channel 1 label.
 */
public final class PatchPairs {
    private final Volume image;
    private final Volume label;
    private final LabelIndex index;
    private final PatchSampler sampler;
    private final WganConfig config;
    private final String fingerprint;

    private PatchPairs(Volume image, Volume label, WganConfig config, String source) {
        this.config = config;
        List<Integer> size = config.size();
        int[] patch = config.dims() == 2 ? new int[] {size.get(0), size.get(1)} : new int[] {size.get(0), size.get(1), size.get(2)};
        double mm = config.voxelMm();
        Volume img = Resize.toSpacing(image, mm, mm, mm, Resize.Mode.AREA);
        // the label's share of each new voxel, then a majority vote: no aliasing of thin structures
        Volume lab = Resize.toSpacing(label, mm, mm, mm, Resize.Mode.AREA);
        this.image = normalised(img);
        this.label = binary(lab);
        this.index = LabelIndex.of(this.label);
        this.sampler = new PatchSampler(patch, config.foregroundFraction(), -1f);
        this.fingerprint = source + " " + image.nx() + "x" + image.ny() + "x" + image.nz() + " at " + mm + " mm, "
                + this.image.nx() + "x" + this.image.ny() + "x" + this.image.nz() + " sha256 " + hash(this.image, this.label);
    }

    /**
     * Pairs from an image and a label map on the same grid (label voxels > 0 are foreground).
     *
     * @param source names the data in the fingerprint, e.g. the file names
     */
    public static PatchPairs of(Volume image, Volume label, WganConfig config, String source) {
        if (!image.sameShape(label) || image.nt() != 1) {
            throw new IllegalArgumentException("image " + image + " and label " + label + " must share one 3D grid");
        }
        float[] mask = new float[label.data().length];
        float[] l = label.data();
        for (int i = 0; i < l.length; i++) {
            mask[i] = l[i] > 0 ? 1f : 0f;
        }
        return new PatchPairs(image, label.withData(mask), config, source);
    }

    /**
     * Colin27 ({@code ch2.nii.gz}) with its brain mask as the label: {@code brainmask.nii.gz} where it
     * exists (the embedded demo data), else {@code ch2bet.nii.gz > 0} (shared/data/colin27).
     *
     * @param folder a folder holding ch2.nii.gz and brainmask.nii.gz or ch2bet.nii.gz
     */
    public static PatchPairs colin27BrainMask(Path folder, WganConfig config) throws DataException {
        Path ch2 = folder.resolve("ch2.nii.gz");
        Path mask = folder.resolve("brainmask.nii.gz");
        if (!Files.exists(mask)) {
            mask = folder.resolve("ch2bet.nii.gz");
        }
        if (!Files.exists(ch2) || !Files.exists(mask)) {
            throw new DataException(folder, "needs ch2.nii.gz and brainmask.nii.gz or ch2bet.nii.gz (Colin27)");
        }
        Volume image = ImageFiles.readVolume(ch2);
        Volume label = ImageFiles.readVolume(mask);
        if (!image.sameShape(label)) {
            throw new DataException(mask, "is " + label + ", not on the grid of " + ch2.getFileName() + " " + image);
        }
        return of(image, label, config, "colin27 " + ch2.getFileName() + " + " + mask.getFileName() + " > 0");
    }

    /** The resampled image in [−1, 1]. */
    public Volume image() {
        return image;
    }

    /** The resampled binary label (0/1). */
    public Volume label() {
        return label;
    }

    /** Identifies the data (names, shapes, voxel size, a hash of the resampled voxels) for provenance. */
    public String fingerprint() {
        return fingerprint;
    }

    /** {@code n} pairs drawn from {@code random} as one array (n, 2, [D,] H, W). */
    public HostArray pairs(String name, int n, SplittableRandom random) {
        long[] sample = config.sampleShape();
        int per = (int) (sample[1] * sample[2] * (sample.length > 3 ? sample[3] : 1));
        float[] out = new float[Math.multiplyExact(n, 2 * per)];
        for (int i = 0; i < n; i++) {
            Patch p = sampler.sample(image, label, index, random);
            System.arraycopy(p.image().data(), 0, out, 2 * i * per, per);
            float[] l = p.label().data();
            int o = (2 * i + 1) * per;
            for (int k = 0; k < per; k++) {
                out[o + k] = 2 * l[k] - 1;
            }
        }
        long[] shape = new long[sample.length + 1];
        shape[0] = n;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return new HostArray(name, out, shape);
    }

    /** The batch maker of a training run: criticSteps·batch real pairs per step. */
    public BatchMaker maker() {
        int n = config.criticSteps() * config.batch();
        return (step, random) -> new HostBatch(step, List.of(pairs("real", n, random)));
    }

    private static Volume normalised(Volume v) {
        float[] r = v.range();
        float lo = r[0], span = r[1] - r[0];
        float[] d = v.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = span > 0 ? 2 * (d[i] - lo) / span - 1 : -1f;
        }
        return v.withData(out);
    }

    private static Volume binary(Volume share) {
        float[] d = share.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] >= 0.5f ? 1f : 0f;
        }
        return share.withData(out);
    }

    private static String hash(Volume a, Volume b) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (Volume v : new Volume[] {a, b}) {
                ByteBuffer buf = ByteBuffer.allocate(4 * v.data().length);
                buf.asFloatBuffer().put(v.data());
                md.update(buf);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
