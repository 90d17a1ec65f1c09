package org.segforge.core.data;

import java.util.Arrays;
import java.util.List;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;

/**
 * One subject (or scan) in memory: its image channels (all on one voxel grid) and, when labelled,
 * its label map on the same grid. Image and label agree in shape and in affine within
 * {@link #AFFINE_TOLERANCE_MM}; a case that does not is refused at construction.
 *
 * @param id       identifier, unique within a dataset (e.g. "BRATS_001", "colin27")
 * @param channels one 3D volume per image channel (modality), at least one, all with nt = 1
 * @param label    label map with class indices (0 = background), or null for an unlabelled case
 */
public record Case(String id, List<Volume> channels, Volume label) implements CaseSource {
    /**
     * Largest difference allowed between two affine entries for "the same grid": headers written
     * by different tools round spacing and origin in float32, which differs by ~1e-6 mm, while a
     * real misregistration is at least a fraction of a voxel.
     */
    public static final double AFFINE_TOLERANCE_MM = 1e-4;

    public Case {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a case needs a non-blank id");
        }
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("case " + id + " has no image channel");
        }
        channels = List.copyOf(channels);
        Volume first = channels.get(0);
        for (int c = 0; c < channels.size(); c++) {
            Volume v = channels.get(c);
            if (v.nt() != 1) {
                throw new IllegalArgumentException("case " + id + ": channel " + c + " has " + v.nt() + " frames; split frames into channels first");
            }
            String problem = geometryMismatch(first, v);
            if (problem != null) {
                throw new IllegalArgumentException("case " + id + ": channel " + c + " differs from channel 0: " + problem);
            }
        }
        if (label != null) {
            if (label.nt() != 1) {
                throw new IllegalArgumentException("case " + id + ": label has " + label.nt() + " frames, expected one");
            }
            String problem = geometryMismatch(first, label);
            if (problem != null) {
                throw new IllegalArgumentException("case " + id + ": label differs from the image: " + problem);
            }
        }
    }

    /** A single-channel case. */
    public static Case of(String id, Volume image, Volume label) {
        return new Case(id, List.of(image), label);
    }

    /** Describes how {@code b} differs from {@code a} in shape or affine, or null when they agree. */
    public static String geometryMismatch(Volume a, Volume b) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz()) {
            return "shape " + Arrays.toString(new int[] {b.nx(), b.ny(), b.nz()}) + " vs " + Arrays.toString(new int[] {a.nx(), a.ny(), a.nz()});
        }
        if (!a.affine().approxEquals(b.affine(), AFFINE_TOLERANCE_MM)) {
            return "affine " + b.affine() + " vs " + a.affine() + " (max difference " + String.format("%.3g", maxDifference(a.affine(), b.affine())) + " mm)";
        }
        return null;
    }

    static double maxDifference(Affine a, Affine b) {
        double[] x = a.toArray(), y = b.toArray();
        double d = 0;
        for (int i = 0; i < 16; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    @Override
    public Case load() {
        return this;
    }

    public boolean isLabelled() {
        return label != null;
    }

    public int numChannels() {
        return channels.size();
    }

    /** {nx, ny, nz} of the case's grid. */
    public int[] shape() {
        Volume v = channels.get(0);
        return new int[] {v.nx(), v.ny(), v.nz()};
    }

    /** The voxel-to-world transform shared by all channels and the label. */
    public Affine affine() {
        return channels.get(0).affine();
    }
}
