package org.segforge.core.image;

/**
 * A box of voxels, half-open: x0 ≤ x &lt; x1, y0 ≤ y &lt; y1, z0 ≤ z &lt; z1. Corners may lie outside
 * a volume (a box reaching past the border means padding, see {@link CropPad#extract}); an empty
 * box (some x1 == x0) is allowed as a value but cannot be cropped.
 */
public record Box(int x0, int y0, int z0, int x1, int y1, int z1) {
    public Box {
        if (x1 < x0 || y1 < y0 || z1 < z0) {
            throw new IllegalArgumentException("box ends before it starts: " + describe(x0, y0, z0, x1, y1, z1));
        }
    }

    /** The whole grid of a volume. */
    public static Box of(Volume v) {
        return new Box(0, 0, 0, v.nx(), v.ny(), v.nz());
    }

    /** A box from its first corner and its size. */
    public static Box ofSize(int x0, int y0, int z0, int sx, int sy, int sz) {
        return new Box(x0, y0, z0, Math.addExact(x0, sx), Math.addExact(y0, sy), Math.addExact(z0, sz));
    }

    public int sizeX() { return x1 - x0; }
    public int sizeY() { return y1 - y0; }
    public int sizeZ() { return z1 - z0; }

    public long voxels() {
        return (long) sizeX() * sizeY() * sizeZ();
    }

    public boolean isEmpty() {
        return voxels() == 0;
    }

    public boolean contains(int x, int y, int z) {
        return x >= x0 && x < x1 && y >= y0 && y < y1 && z >= z0 && z < z1;
    }

    /** True when the box lies inside the volume's grid. */
    public boolean within(Volume v) {
        return x0 >= 0 && y0 >= 0 && z0 >= 0 && x1 <= v.nx() && y1 <= v.ny() && z1 <= v.nz();
    }

    /** The box grown by {@code margin} voxels on every side (a negative margin shrinks it, never below empty). */
    public Box grow(int margin) {
        return grow(margin, margin, margin);
    }

    /** The box grown by a margin per axis on both sides. */
    public Box grow(int mx, int my, int mz) {
        int nx0 = x0 - mx, ny0 = y0 - my, nz0 = z0 - mz;
        return new Box(nx0, ny0, nz0, Math.max(nx0, x1 + mx), Math.max(ny0, y1 + my), Math.max(nz0, z1 + mz));
    }

    /** The overlap of two boxes (empty, anchored at this box's clamped corner, when they do not meet). */
    public Box intersect(Box o) {
        int a0 = Math.max(x0, o.x0), b0 = Math.max(y0, o.y0), c0 = Math.max(z0, o.z0);
        return new Box(a0, b0, c0, Math.max(a0, Math.min(x1, o.x1)), Math.max(b0, Math.min(y1, o.y1)), Math.max(c0, Math.min(z1, o.z1)));
    }

    /** The part of the box inside the volume's grid. */
    public Box clip(Volume v) {
        return intersect(of(v));
    }

    @Override
    public String toString() {
        return describe(x0, y0, z0, x1, y1, z1);
    }

    private static String describe(int x0, int y0, int z0, int x1, int y1, int z1) {
        return "[" + x0 + ".." + x1 + ")×[" + y0 + ".." + y1 + ")×[" + z0 + ".." + z1 + ")";
    }
}
