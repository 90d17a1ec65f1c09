package org.segforge.core.transform;

import org.segforge.core.image.DisplacementField;

/**
 * A smooth random deformation: Gaussian displacements on a coarse control grid with spacing
 * {@code sigma} voxels, interpolated to every voxel by a uniform cubic B-spline (the B-spline is
 * the smoothing kernel, about a Gaussian of 0.58·sigma). {@code magnitude} is the root-mean-square
 * displacement per axis in voxels, averaged over the grid (the control values are scaled up to
 * undo the B-spline's averaging). The control values come from {@code fieldSeed}, so the record is
 * the whole, replayable parameter set; 2D samples get no z displacement.
 */
public record ElasticDeformation(double magnitude, double sigma, long fieldSeed) implements Transform {
    public static final ElasticDeformation NONE = new ElasticDeformation(0, 1, 0);

    public ElasticDeformation {
        if (!(magnitude >= 0) || !Double.isFinite(magnitude)) {
            throw new IllegalArgumentException("elastic magnitude must be ≥ 0 and finite, got " + magnitude);
        }
        Draws.checkPositive("elastic sigma (control-point spacing)", sigma);
    }

    public boolean isIdentity() {
        return magnitude == 0;
    }

    /** The displacement field on an nx × ny × nz grid (input voxel units). */
    public DisplacementField field(int nx, int ny, int nz) {
        return ElasticField.generate(nx, ny, nz, magnitude, sigma, fieldSeed);
    }

    @Override
    public Sample apply(Sample sample) {
        return new SpatialWarp(Rotation.NONE, Scaling.NONE, this).apply(sample);
    }
}
