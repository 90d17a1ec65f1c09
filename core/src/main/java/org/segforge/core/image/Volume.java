package org.segforge.core.image;

import java.util.Arrays;

/**
 * Voxels with their geometry: a 3D grid (nx, ny, nz) of float32 values, optionally with a fourth
 * dimension nt (time or channels), and the voxel-to-world {@link Affine}.
 *
 * <p>Layout is the NIfTI one: x varies fastest, then y, z, t; index = x + nx·(y + ny·(z + nz·t)).
 * A 2D image is a volume with nz = 1 (and nt = 1), so every operation written for volumes serves
 * slices too. Label maps are volumes whose values are class indices (0 = background); float32 holds
 * every integer up to 2^24 exactly.
 *
 * <p>The voxel array is shared, not copied, by {@link #data()} for speed; callers that keep a
 * volume must not mutate an array they did not create. Use {@link #copy()} when in doubt.
 */
public final class Volume {
    private final int nx, ny, nz, nt;
    private final float[] data;
    private final Affine affine;

    public Volume(int nx, int ny, int nz, int nt, float[] data, Affine affine) {
        if (nx < 1 || ny < 1 || nz < 1 || nt < 1) {
            throw new IllegalArgumentException("dimensions must be positive: " + nx + "×" + ny + "×" + nz + "×" + nt);
        }
        long n = (long) nx * ny * nz * nt;
        if (data.length != n) {
            throw new IllegalArgumentException("shape " + nx + "×" + ny + "×" + nz + "×" + nt + " needs " + n + " voxels, got " + data.length);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nt = nt;
        this.data = data;
        this.affine = affine == null ? Affine.identity() : affine;
    }

    public Volume(int nx, int ny, int nz, float[] data, Affine affine) {
        this(nx, ny, nz, 1, data, affine);
    }

    /** A zero-filled volume of the given shape. */
    public static Volume zeros(int nx, int ny, int nz, Affine affine) {
        return new Volume(nx, ny, nz, 1, new float[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)], affine);
    }

    /** A 2D image (nz = 1) of width × height, row-major (x fastest), unit spacing. */
    public static Volume image2d(int width, int height, float[] pixels) {
        return new Volume(width, height, 1, 1, pixels, Affine.identity());
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public int nt() { return nt; }

    /** Number of voxels in one 3D frame. */
    public int frameSize() {
        return nx * ny * nz;
    }

    /** {nx, ny, nz} or {nx, ny, nz, nt} when nt > 1. */
    public int[] shape() {
        return nt > 1 ? new int[] {nx, ny, nz, nt} : new int[] {nx, ny, nz};
    }

    public boolean is2d() {
        return nz == 1 && nt == 1;
    }

    public boolean sameShape(Volume o) {
        return nx == o.nx && ny == o.ny && nz == o.nz && nt == o.nt;
    }

    /** The voxel array itself (shared, see class note). */
    public float[] data() {
        return data;
    }

    public Affine affine() {
        return affine;
    }

    /** Voxel spacing in mm, from the affine. */
    public double[] spacing() {
        return affine.spacing();
    }

    public int index(int x, int y, int z) {
        return x + nx * (y + ny * z);
    }

    public float get(int x, int y, int z) {
        return data[x + nx * (y + ny * z)];
    }

    public float get(int x, int y, int z, int t) {
        return data[x + nx * (y + ny * (z + nz * t))];
    }

    public void set(int x, int y, int z, float v) {
        data[x + nx * (y + ny * z)] = v;
    }

    /** The same geometry with other voxels. */
    public Volume withData(float[] newData) {
        return new Volume(nx, ny, nz, nt, newData, affine);
    }

    public Volume withAffine(Affine newAffine) {
        return new Volume(nx, ny, nz, nt, data, newAffine);
    }

    /** Frame t of a 4D volume as a 3D volume (copied). */
    public Volume frame(int t) {
        if (t < 0 || t >= nt) {
            throw new IndexOutOfBoundsException("frame " + t + " of " + nt);
        }
        int n = frameSize();
        return new Volume(nx, ny, nz, 1, Arrays.copyOfRange(data, t * n, (t + 1) * n), affine);
    }

    public Volume copy() {
        return new Volume(nx, ny, nz, nt, data.clone(), affine);
    }

    /** {min, max} over all voxels; NaN voxels are skipped. */
    public float[] range() {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return new float[] {lo, hi};
    }

    @Override
    public String toString() {
        return "Volume" + Arrays.toString(shape()) + " spacing " + Arrays.toString(spacing());
    }
}
