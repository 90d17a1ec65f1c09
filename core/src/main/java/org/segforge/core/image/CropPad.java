package org.segforge.core.image;

import java.util.Optional;

/**
 * Cropping and padding on the voxel grid, and the bounding box of the foreground. All operations
 * act on every frame alike, copy the voxels, and move the affine's origin by the voxel offset so
 * that every voxel keeps its world position.
 *
 * <p>Centring rule, shared by {@link #pad}, {@link #cropOrPad} and {@link #centredBox}: along an
 * axis of size n brought to size m, the new grid starts at input voxel {@code (n − m) / 2} with
 * Java's division (rounding toward zero). When padding, the odd extra voxel therefore goes after
 * the data (numpy's and MONAI's symmetric padding); when cropping, the odd extra voxel is removed
 * from the end. So a centred crop followed by a centred pad back puts every voxel where it was.
 */
public final class CropPad {
    /** How voxels outside the input grid are filled. */
    public enum PadMode {
        /** A constant value. */
        CONSTANT,
        /** The nearest border voxel (numpy 'edge', torch 'replicate'). */
        EDGE,
        /**
         * Mirrored about the border voxel without repeating it (numpy 'reflect', torch 'reflect':
         * … c b | a b c d | c b …); pads wider than the axis keep reflecting, as numpy does.
         */
        REFLECT
    }

    private CropPad() {}

    /** The voxels inside {@code box}, which must be non-empty and lie inside the volume. */
    public static Volume crop(Volume v, Box box) {
        if (!box.within(v)) {
            throw new IllegalArgumentException("crop box " + box + " is not inside the " + v.nx() + "×" + v.ny() + "×" + v.nz() + " grid");
        }
        return extract(v, box, PadMode.CONSTANT, 0f);
    }

    /**
     * The voxels of any non-empty box: inside the grid they are copied, outside they are filled as
     * {@code mode} says ({@code fill} is used by {@link PadMode#CONSTANT} only). Crop and pad in one.
     */
    public static Volume extract(Volume v, Box box, PadMode mode, float fill) {
        if (box.isEmpty()) {
            throw new IllegalArgumentException("cannot extract the empty box " + box);
        }
        if (mode == null) {
            throw new IllegalArgumentException("pad mode is required");
        }
        int sx = box.sizeX(), sy = box.sizeY(), sz = box.sizeZ(), nt = v.nt();
        if (box.voxels() * nt > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("box " + box + " is too large for one array");
        }
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        int[] mx = axisMap(box.x0(), sx, nx, mode);
        int[] my = axisMap(box.y0(), sy, ny, mode);
        int[] mz = axisMap(box.z0(), sz, nz, mode);
        boolean rowInside = box.x0() >= 0 && box.x1() <= nx;
        float[] src = v.data();
        float[] out = new float[sx * sy * sz * nt];
        Parallel.forEach(sz * nt, (long) sx * sy, item -> {
            int t = item / sz, z = item % sz;
            int zs = mz[z];
            for (int y = 0; y < sy; y++) {
                int ys = my[y];
                int o = sx * (y + sy * item);
                if (zs < 0 || ys < 0) {
                    java.util.Arrays.fill(out, o, o + sx, fill);
                    continue;
                }
                int row = nx * (ys + ny * (zs + nz * t));
                if (rowInside) {
                    System.arraycopy(src, row + box.x0(), out, o, sx);
                } else {
                    for (int x = 0; x < sx; x++) {
                        int xs = mx[x];
                        out[o + x] = xs < 0 ? fill : src[row + xs];
                    }
                }
            }
        });
        Affine shift = Affine.of(1, 0, 0, box.x0(), 0, 1, 0, box.y0(), 0, 0, 1, box.z0(), 0, 0, 0, 1);
        return new Volume(sx, sy, sz, nt, out, v.affine().multiply(shift));
    }

    /** The volume padded to nx × ny × nz, centred (see the class note); each target ≥ the size. */
    public static Volume pad(Volume v, int nx, int ny, int nz, PadMode mode, float fill) {
        requireAtLeast(v, nx, ny, nz);
        return extract(v, centredBox(v, nx, ny, nz), mode, fill);
    }

    /** The volume padded to nx × ny × nz with constant {@code fill}, centred. */
    public static Volume pad(Volume v, int nx, int ny, int nz, float fill) {
        return pad(v, nx, ny, nz, PadMode.CONSTANT, fill);
    }

    /** The volume padded to nx × ny × nz with its voxel (0,0,0) placed at (ox, oy, oz) of the result. */
    public static Volume padAt(Volume v, int nx, int ny, int nz, int ox, int oy, int oz, PadMode mode, float fill) {
        if (ox < 0 || oy < 0 || oz < 0 || (long) ox + v.nx() > nx || (long) oy + v.ny() > ny || (long) oz + v.nz() > nz) {
            throw new IllegalArgumentException("a " + v.nx() + "×" + v.ny() + "×" + v.nz() + " volume at offset (" + ox + ", " + oy + ", " + oz
                + ") does not fit in " + nx + "×" + ny + "×" + nz);
        }
        return extract(v, Box.ofSize(-ox, -oy, -oz, nx, ny, nz), mode, fill);
    }

    /** Centred crop where the volume is larger and centred pad where it is smaller, per axis. */
    public static Volume cropOrPad(Volume v, int nx, int ny, int nz, PadMode mode, float fill) {
        return extract(v, centredBox(v, nx, ny, nz), mode, fill);
    }

    /** {@link #cropOrPad(Volume, int, int, int, PadMode, float)} with a constant fill. */
    public static Volume cropOrPad(Volume v, int nx, int ny, int nz, float fill) {
        return cropOrPad(v, nx, ny, nz, PadMode.CONSTANT, fill);
    }

    /**
     * The box, in the volume's voxel coordinates, of a centred nx × ny × nz grid: the region that
     * {@link #cropOrPad} returns. Keep it to undo the operation with {@link #uncrop}.
     */
    public static Box centredBox(Volume v, int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("target shape must be positive: " + nx + "×" + ny + "×" + nz);
        }
        return Box.ofSize((v.nx() - nx) / 2, (v.ny() - ny) / 2, (v.nz() - nz) / 2, nx, ny, nz);
    }

    /**
     * Puts a volume cut out at {@code box} back into a grid of nx × ny × nz (the original shape),
     * filling the rest with {@code fill}: the inverse of {@code extract(original, box, …)} inside
     * the original grid, as nnU-Net does to return a prediction on a foreground crop to full size.
     */
    public static Volume uncrop(Volume part, Box box, int nx, int ny, int nz, float fill) {
        if (part.nx() != box.sizeX() || part.ny() != box.sizeY() || part.nz() != box.sizeZ()) {
            throw new IllegalArgumentException("a " + part.nx() + "×" + part.ny() + "×" + part.nz() + " volume does not fill the box " + box);
        }
        return extract(part, Box.ofSize(-box.x0(), -box.y0(), -box.z0(), nx, ny, nz), PadMode.CONSTANT, fill);
    }

    /**
     * The bounding box of the voxels that are not 0 in any frame (NaN counts as not 0), grown by
     * {@code margin} voxels per side and clipped to the grid; empty when every voxel is 0. This is
     * nnU-Net's crop-to-nonzero box (its hole filling does not change the box).
     */
    public static Optional<Box> nonzeroBox(Volume v, int margin) {
        if (margin < 0) {
            throw new IllegalArgumentException("margin must be ≥ 0, got " + margin);
        }
        int nx = v.nx(), ny = v.ny(), nz = v.nz(), nt = v.nt();
        float[] d = v.data();
        // Per z-plane extents in x and y, filled in parallel; combined below.
        int[][] planes = new int[nz][];
        Parallel.forEach(nz, (long) nx * ny * nt, z -> {
            int xlo = Integer.MAX_VALUE, xhi = -1, ylo = Integer.MAX_VALUE, yhi = -1;
            for (int t = 0; t < nt; t++) {
                for (int y = 0; y < ny; y++) {
                    int row = nx * (y + ny * (z + nz * t));
                    int first = -1;
                    for (int x = 0; x < nx; x++) {
                        if (d[row + x] != 0) {
                            first = x;
                            break;
                        }
                    }
                    if (first < 0) {
                        continue;
                    }
                    int last = first;
                    for (int x = nx - 1; x > first; x--) {
                        if (d[row + x] != 0) {
                            last = x;
                            break;
                        }
                    }
                    xlo = Math.min(xlo, first);
                    xhi = Math.max(xhi, last);
                    ylo = Math.min(ylo, y);
                    yhi = Math.max(yhi, y);
                }
            }
            planes[z] = xhi < 0 ? null : new int[] {xlo, xhi, ylo, yhi};
        });
        int x0 = Integer.MAX_VALUE, x1 = -1, y0 = Integer.MAX_VALUE, y1 = -1, z0 = -1, z1 = -1;
        for (int z = 0; z < nz; z++) {
            int[] p = planes[z];
            if (p == null) {
                continue;
            }
            x0 = Math.min(x0, p[0]);
            x1 = Math.max(x1, p[1]);
            y0 = Math.min(y0, p[2]);
            y1 = Math.max(y1, p[3]);
            if (z0 < 0) {
                z0 = z;
            }
            z1 = z;
        }
        if (z0 < 0) {
            return Optional.empty();
        }
        Box tight = new Box(x0, y0, z0, x1 + 1, y1 + 1, z1 + 1);
        return Optional.of(tight.grow(margin).clip(v));
    }

    private static void requireAtLeast(Volume v, int nx, int ny, int nz) {
        if (nx < v.nx() || ny < v.ny() || nz < v.nz()) {
            throw new IllegalArgumentException("cannot pad a " + v.nx() + "×" + v.ny() + "×" + v.nz() + " volume to the smaller " + nx + "×" + ny + "×" + nz);
        }
    }

    /** Source index along one axis for each output index, −1 meaning "fill with the constant". */
    static int[] axisMap(int start, int len, int n, PadMode mode) {
        int[] map = new int[len];
        int period = 2 * (n - 1);
        for (int o = 0; o < len; o++) {
            int s = start + o;
            if (s >= 0 && s < n) {
                map[o] = s;
            } else if (mode == PadMode.CONSTANT) {
                map[o] = -1;
            } else if (mode == PadMode.EDGE || period == 0) {
                // a single-voxel axis reflects onto itself, as numpy does
                map[o] = s < 0 ? 0 : n - 1;
            } else {
                int m = Math.floorMod(s, period);
                map[o] = m < n ? m : period - m;
            }
        }
        return map;
    }
}
