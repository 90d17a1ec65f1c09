package org.segforge.core.image;

/**
 * 2D slices of a 3D volume along a voxel axis, and the way back. A slice is a {@link Volume} with
 * nz = 1 whose affine maps its (u, v) pixel to the same world point the voxel had, so geometry is
 * kept. In-plane axes keep their order: slicing along x gives (y, z), along y gives (x, z), along z
 * gives (x, y).
 */
public final class Slices {
    private Slices() {}

    /** Number of slices along an axis. */
    public static int count(Volume v, Axis axis) {
        return switch (axis) {
            case SAGITTAL -> v.nx();
            case CORONAL -> v.ny();
            case AXIAL -> v.nz();
        };
    }

    /** Slice {@code index} along {@code axis} of frame 0. */
    public static Volume extract(Volume v, Axis axis, int index) {
        int n = count(v, axis);
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("slice " + index + " along " + axis.label() + " of " + n);
        }
        float[] src = v.data();
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        float[] out;
        int w, h;
        switch (axis) {
            case SAGITTAL -> {
                w = ny; h = nz; out = new float[w * h];
                for (int z = 0; z < nz; z++) {
                    for (int y = 0; y < ny; y++) {
                        out[y + w * z] = src[index + nx * (y + ny * z)];
                    }
                }
            }
            case CORONAL -> {
                w = nx; h = nz; out = new float[w * h];
                for (int z = 0; z < nz; z++) {
                    System.arraycopy(src, nx * (index + ny * z), out, w * z, nx);
                }
            }
            default -> {
                w = nx; h = ny; out = new float[w * h];
                System.arraycopy(src, nx * ny * index, out, 0, nx * ny);
            }
        }
        return new Volume(w, h, 1, 1, out, sliceAffine(v.affine(), axis, index));
    }

    /** Writes a 2D slice back into the volume (in place) at {@code index} along {@code axis}. */
    public static void insert(Volume v, Axis axis, int index, Volume slice) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        int w = axis == Axis.SAGITTAL ? ny : nx;
        int h = axis == Axis.AXIAL ? ny : nz;
        if (slice.nx() != w || slice.ny() != h || slice.nz() != 1) {
            throw new IllegalArgumentException("slice is " + slice.nx() + "×" + slice.ny() + ", expected " + w + "×" + h);
        }
        float[] dst = v.data();
        float[] s = slice.data();
        switch (axis) {
            case SAGITTAL -> {
                for (int z = 0; z < nz; z++) {
                    for (int y = 0; y < ny; y++) {
                        dst[index + nx * (y + ny * z)] = s[y + w * z];
                    }
                }
            }
            case CORONAL -> {
                for (int z = 0; z < nz; z++) {
                    System.arraycopy(s, w * z, dst, nx * (index + ny * z), nx);
                }
            }
            default -> System.arraycopy(s, 0, dst, nx * ny * index, nx * ny);
        }
    }

    /** Affine of a slice: pixel (u, v, 0) ↦ world of the voxel it came from. */
    static Affine sliceAffine(Affine a, Axis axis, int index) {
        double[] m = a.toArray();
        int[] inPlane = switch (axis) {
            case SAGITTAL -> new int[] {1, 2, 0};
            case CORONAL -> new int[] {0, 2, 1};
            case AXIAL -> new int[] {0, 1, 2};
        };
        double[] r = new double[16];
        for (int row = 0; row < 3; row++) {
            r[row * 4] = m[row * 4 + inPlane[0]];
            r[row * 4 + 1] = m[row * 4 + inPlane[1]];
            r[row * 4 + 2] = m[row * 4 + inPlane[2]];
            r[row * 4 + 3] = m[row * 4 + 3] + index * m[row * 4 + inPlane[2]];
        }
        r[15] = 1;
        return Affine.of(r);
    }
}
