package org.segforge.core.image;

/**
 * Where each voxel of an output grid nx × ny × nz samples its input: the continuous input voxel
 * coordinate of output voxel p is {@code outputToInput · p + displacement(p)}. The affine acts in
 * voxel space (not world space); the displacement, when present, is added in input voxel units.
 * This is scipy's {@code affine_transform} (affine only) and {@code map_coordinates} (with a field)
 * in one shape, so rotation, scaling and elastic deformation can share one resampling pass.
 */
public record CoordinateMap(int nx, int ny, int nz, Affine outputToInput, DisplacementField displacement) {
    public CoordinateMap {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("output dimensions must be positive: " + nx + "×" + ny + "×" + nz);
        }
        if (outputToInput == null) {
            throw new IllegalArgumentException("outputToInput affine is required (use Affine.identity())");
        }
        if (displacement != null && (displacement.nx() != nx || displacement.ny() != ny || displacement.nz() != nz)) {
            throw new IllegalArgumentException("displacement field is " + displacement.nx() + "×" + displacement.ny() + "×"
                    + displacement.nz() + " but the output grid is " + nx + "×" + ny + "×" + nz);
        }
    }

    /** An affine-only map onto an output grid of the given shape. */
    public static CoordinateMap affine(int nx, int ny, int nz, Affine outputToInput) {
        return new CoordinateMap(nx, ny, nz, outputToInput, null);
    }

    /** The identity map on the grid of {@code v} (useful with a displacement field). */
    public static CoordinateMap identityOn(Volume v) {
        return new CoordinateMap(v.nx(), v.ny(), v.nz(), Affine.identity(), null);
    }

    public CoordinateMap withDisplacement(DisplacementField field) {
        return new CoordinateMap(nx, ny, nz, outputToInput, field);
    }
}
