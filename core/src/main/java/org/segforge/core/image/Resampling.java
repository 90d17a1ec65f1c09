package org.segforge.core.image;

/**
 * Resampling of one volume onto another's voxel grid through their affines: a reference voxel p
 * samples the moving volume at {@code moving.affine⁻¹ · reference.affine · p}. Use
 * {@link Interpolation#NEAREST} for label maps so no new label values appear.
 */
public final class Resampling {
    private Resampling() {}

    /** {@code moving} on the grid of {@code reference}, zero outside the moving volume. */
    public static Volume onto(Volume moving, Volume reference, Interpolation interpolation) {
        return onto(moving, reference, interpolation, 0f);
    }

    /**
     * {@code moving} on the grid (shape and affine) of {@code reference}, {@code fill} outside the
     * moving volume. The result has the moving volume's nt (every frame is resampled).
     */
    public static Volume onto(Volume moving, Volume reference, Interpolation interpolation, float fill) {
        if (moving == null || reference == null) {
            throw new IllegalArgumentException("moving and reference volumes are required");
        }
        Affine referenceToMoving = moving.affine().inverse().multiply(reference.affine());
        CoordinateMap map = CoordinateMap.affine(reference.nx(), reference.ny(), reference.nz(), referenceToMoving);
        return Warp.apply(moving, map, interpolation, fill).withAffine(reference.affine());
    }

    /** A label map on the grid of {@code reference}: nearest neighbour, background (0) outside. */
    public static Volume labelsOnto(Volume labels, Volume reference) {
        return onto(labels, reference, Interpolation.NEAREST, 0f);
    }
}
