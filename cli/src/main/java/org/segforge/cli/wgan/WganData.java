package org.segforge.cli.wgan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Box;
import org.segforge.core.image.CropPad;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.train.Json;
import org.segforge.nn.wgan.PatchPairs;
import org.segforge.nn.wgan.SyntheticPair;
import org.segforge.nn.wgan.WganConfig;

/**
 * The real data of a WGAN run, recorded in the run folder as {@code data.json} so that sampling and
 * the downstream test know what the generator saw: an image and a label map on one grid, the label
 * values that count as foreground (empty = every value > 0), and the share of axial slices, from
 * the bottom, the generator was trained on. The slices above it, after a gap of {@link #GAP_MM},
 * are held out: real pairs no generator or segmenter was trained on, for the downstream test.
 *
 * @param image       the image volume
 * @param label       the label map on the image's grid
 * @param labelValues foreground label values; empty means every value &gt; 0
 * @param trainBelow  the generator sees axial slices z &lt; trainBelow·nz (1 = all)
 */
public record WganData(Path image, Path label, List<Integer> labelValues, double trainBelow) {
    public static final String FILE = "data.json";
    /** Slices between the training and the held-out part, so patches of the two never touch. */
    public static final double GAP_MM = 10;

    public WganData {
        if (image == null || label == null) {
            throw new IllegalArgumentException("an image and a label are required");
        }
        labelValues = labelValues == null ? List.of() : List.copyOf(labelValues);
        if (!(trainBelow > 0 && trainBelow <= 1)) {
            throw new IllegalArgumentException("--train-below must be in (0, 1], got " + trainBelow);
        }
        image = image.toAbsolutePath().normalize();
        label = label.toAbsolutePath().normalize();
    }

    /** Reads {@code data.json} of a run folder. */
    public static WganData read(Path runDir) throws DataException {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new DataException(runDir, "is not a run folder of 'segforge wgan train' (no " + FILE + ")");
        }
        try {
            return Json.read(Files.readString(f), WganData.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw new DataException(f, "cannot read: " + e.getMessage());
        }
    }

    public void write(Path runDir) throws DataException {
        AtomicFiles.writeString(runDir.resolve(FILE), Json.write(this) + "\n");
    }

    /** The training pairs and the held-out pairs of the same data, from one reading of the files. */
    public record Parts(PatchPairs training, PatchPairs heldOut) {}

    /** The pairs the generator learns from: the slices below {@code trainBelow}. */
    public PatchPairs training(WganConfig config) throws DataException {
        return training(read(), config);
    }

    /** The held-out pairs: the slices above the training part and the gap. */
    public PatchPairs heldOut(WganConfig config) throws DataException {
        return heldOut(read(), config);
    }

    /** Both parts, reading the image and the label once. */
    public Parts parts(WganConfig config) throws DataException {
        Volume[] v = read();
        return new Parts(training(v, config), heldOut(v, config));
    }

    private PatchPairs training(Volume[] v, WganConfig config) {
        int top = top(v[0]);
        Box box = new Box(0, 0, 0, v[0].nx(), v[0].ny(), top);
        return PatchPairs.of(CropPad.crop(v[0], box), CropPad.crop(v[1], box), config, source() + ", axial slices z < " + top);
    }

    private PatchPairs heldOut(Volume[] v, WganConfig config) throws DataException {
        int bottom = top(v[0]) + (int) Math.ceil(GAP_MM / v[0].spacing()[2]);
        if (bottom >= v[0].nz()) {
            throw new DataException(image, "no slices are held out with --train-below " + trainBelow + " (the generator saw the whole volume)");
        }
        Box box = new Box(0, 0, bottom, v[0].nx(), v[0].ny(), v[0].nz());
        return PatchPairs.of(CropPad.crop(v[0], box), CropPad.crop(v[1], box), config, source() + ", axial slices z >= " + bottom);
    }

    /**
     * Pairs in the generator's value range (n, 2, [D,] H, W), channel 0 image in [−1, 1], channel 1
     * label in {−1, 1}, as cases: image in [0, 1], label 0/1, spacing the config's voxel size.
     */
    public static List<Case> cases(HostArray pairs, WganConfig config, String prefix) {
        List<Integer> s = config.size();
        int nx = s.get(0), ny = s.get(1), nz = config.dims() == 3 ? s.get(2) : 1;
        int per = nx * ny * nz;
        Affine affine = Affine.scaling(config.voxelMm(), config.voxelMm(), config.voxelMm());
        List<Case> out = new ArrayList<>();
        float[] d = pairs.data();
        for (int i = 0; i < pairs.shape()[0]; i++) {
            float[] img = new float[per], lab = new float[per];
            for (int k = 0; k < per; k++) {
                img[k] = (d[2 * i * per + k] + 1) / 2;
                lab[k] = d[(2 * i + 1) * per + k] > 0 ? 1 : 0;
            }
            out.add(Case.of(String.format(Locale.ROOT, "%s_%04d", prefix, i), new Volume(nx, ny, nz, img, affine), new Volume(nx, ny, nz, lab, affine)));
        }
        return out;
    }

    /** Generated pairs as cases synthetic_0000, synthetic_0001, … */
    public static List<Case> cases(List<SyntheticPair> pairs) {
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            out.add(Case.of(String.format(Locale.ROOT, "synthetic_%04d", i), pairs.get(i).image(), pairs.get(i).label()));
        }
        return out;
    }

    private int top(Volume v) {
        return Math.max(1, (int) Math.floor(trainBelow * v.nz()));
    }

    private String source() {
        return image.getFileName() + " + " + label.getFileName() + (labelValues.isEmpty() ? " > 0" : " in " + labelValues);
    }

    /** The image and the binary label. */
    private Volume[] read() throws DataException {
        Volume img = ImageFiles.readVolume(image);
        Volume lab = ImageFiles.readVolume(label);
        if (!img.sameShape(lab) || !img.affine().approxEquals(lab.affine(), 1e-4)) {
            throw new DataException(label, "is not on the grid of " + image.getFileName());
        }
        float[] l = lab.data(), mask = new float[l.length];
        long on = 0;
        for (int i = 0; i < l.length; i++) {
            boolean fg = labelValues.isEmpty() ? l[i] > 0 : labelValues.contains(Math.round(l[i]));
            mask[i] = fg ? 1 : 0;
            on += fg ? 1 : 0;
        }
        if (on == 0) {
            throw new DataException(label, "has no foreground voxel" + (labelValues.isEmpty() ? "" : " with values " + labelValues));
        }
        return new Volume[] {img, lab.withData(mask)};
    }
}
