package org.segforge.core.image;

/**
 * A dense displacement, in input voxel units, for every voxel of an output grid nx × ny × nz
 * (layout as {@link Volume}: x fastest). A null component means zero everywhere, which is how 2D
 * fields (nz = 1) leave out dz without allocating it. The arrays are shared, not copied.
 */
public record DisplacementField(int nx, int ny, int nz, float[] dx, float[] dy, float[] dz) {
    public DisplacementField {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("field dimensions must be positive: " + nx + "×" + ny + "×" + nz);
        }
        long n = (long) nx * ny * nz;
        check("dx", dx, n);
        check("dy", dy, n);
        check("dz", dz, n);
    }

    private static void check(String name, float[] a, long n) {
        if (a != null && a.length != n) {
            throw new IllegalArgumentException(name + " has " + a.length + " values, the grid needs " + n);
        }
    }
}
