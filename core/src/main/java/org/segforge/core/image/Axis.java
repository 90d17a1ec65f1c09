package org.segforge.core.image;

import java.util.Locale;

/**
 * A voxel axis of a volume. For a volume in RAS-like orientation (Colin27, most NIfTI files)
 * axis 0 is sagittal (slices of constant x), 1 coronal, 2 axial; the names are the usual ones
 * but the truth is the voxel axis.
 */
public enum Axis {
    SAGITTAL(0), CORONAL(1), AXIAL(2);

    private final int index;

    Axis(int index) {
        this.index = index;
    }

    /** 0, 1 or 2. */
    public int index() {
        return index;
    }

    public static Axis ofIndex(int i) {
        for (Axis a : values()) {
            if (a.index == i) {
                return a;
            }
        }
        throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + i);
    }

    /** Accepts 0/1/2, x/y/z, or sagittal/coronal/axial. */
    public static Axis parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "0": case "x": case "sagittal": return SAGITTAL;
            case "1": case "y": case "coronal": return CORONAL;
            case "2": case "z": case "axial": return AXIAL;
            default: throw new IllegalArgumentException("unknown axis '" + s + "'; use 0/1/2, x/y/z or sagittal/coronal/axial");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
