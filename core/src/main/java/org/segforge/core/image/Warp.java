package org.segforge.core.image;

import java.util.stream.IntStream;

/**
 * Resamples a volume at continuous voxel coordinates given by a {@link CoordinateMap}, with
 * nearest or (tri/bi)linear interpolation; samples outside the input grid get a fill value.
 *
 * <p>Semantics follow scipy.ndimage {@code map_coordinates} / {@code affine_transform} with
 * {@code order=0/1, mode='constant'}: a coordinate outside [0, n−1] on any axis gives the fill
 * value, no interpolation towards the fill happens inside the grid, and nearest rounds halves up.
 * One deliberate difference: coordinates up to {@value #EDGE_TOLERANCE} voxel outside the grid
 * are clamped onto it, so round-off in a composed affine (a 90° rotation, a volume resampled onto
 * its own grid) does not erase the border voxels as scipy would.
 *
 * <p>All frames (nt) of the input are sampled with the same coordinates, computed once per voxel.
 * Work is split over output rows on the common fork-join pool; an input with nz = 1 is sampled
 * bilinearly (the z coordinate must then be 0, otherwise the fill is used).
 */
public final class Warp {
    /** How far outside the grid (voxels) a coordinate still counts as on the border. */
    public static final double EDGE_TOLERANCE = 1e-6;

    private Warp() {}

    /**
     * The input sampled on the map's output grid. The result keeps the input's affine and nt;
     * callers that change the grid (see {@link Resampling}) set the affine they mean.
     */
    public static Volume apply(Volume input, CoordinateMap map, Interpolation interpolation, float fill) {
        if (input == null || map == null || interpolation == null) {
            throw new IllegalArgumentException("input, map and interpolation are required");
        }
        int onx = map.nx(), ony = map.ny(), onz = map.nz(), nt = input.nt();
        long outFrame = (long) onx * ony * onz;
        if (outFrame * nt > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output grid " + onx + "×" + ony + "×" + onz + "×" + nt + " is too large for one array");
        }
        float[] out = new float[(int) (outFrame * nt)];
        Sampler s = new Sampler(input, map, interpolation, fill, out);
        int rows = ony * onz;
        IntStream range = IntStream.range(0, rows);
        // Tiny outputs are not worth the fork-join overhead.
        if (outFrame >= 4096) {
            range = range.parallel();
        }
        range.forEach(s::row);
        return new Volume(onx, ony, onz, nt, out, input.affine());
    }

    /** Per-call state shared by all rows; immutable apart from writes to disjoint rows of out. */
    private static final class Sampler {
        final float[] in, out;
        final int nx, ny, nz, inFrame, nt, onx, ony, outFrame;
        final double[] a;
        final float[] dx, dy, dz;
        final boolean linear, flat, fast;
        final float fill;
        final double maxX, maxY, maxZ;
        // Offsets to the +1 neighbour on each axis (0 when the axis has one voxel) and the largest
        // lower corner index, so a coordinate on the last voxel uses weight 1 on the upper corner.
        final int sx1, sy1, sz1, x0max, y0max, z0max;

        Sampler(Volume input, CoordinateMap map, Interpolation interpolation, float fill, float[] out) {
            this.in = input.data();
            this.out = out;
            this.nx = input.nx();
            this.ny = input.ny();
            this.nz = input.nz();
            this.inFrame = input.frameSize();
            this.nt = input.nt();
            this.onx = map.nx();
            this.ony = map.ny();
            this.outFrame = map.nx() * map.ny() * map.nz();
            this.a = map.outputToInput().toArray();
            DisplacementField d = map.displacement();
            this.dx = d == null ? null : d.dx();
            this.dy = d == null ? null : d.dy();
            this.dz = d == null ? null : d.dz();
            this.linear = interpolation == Interpolation.LINEAR;
            this.flat = nz == 1;
            this.fast = linear && !flat && nt == 1;
            this.fill = fill;
            this.maxX = nx - 1;
            this.maxY = ny - 1;
            this.maxZ = nz - 1;
            this.sx1 = nx > 1 ? 1 : 0;
            this.sy1 = ny > 1 ? nx : 0;
            this.sz1 = nz > 1 ? nx * ny : 0;
            this.x0max = Math.max(nx - 2, 0);
            this.y0max = Math.max(ny - 2, 0);
            this.z0max = Math.max(nz - 2, 0);
        }

        void row(int r) {
            int y = r % ony, z = r / ony;
            double bx = a[1] * y + a[2] * z + a[3];
            double by = a[5] * y + a[6] * z + a[7];
            double bz = a[9] * y + a[10] * z + a[11];
            double ax = a[0], ay = a[4], az = a[8];
            int o0 = r * onx;
            if (linear && dx == null && dy == null && dz == null && nt == 1 && !flat) {
                // Common augmentation case: the voxels whose 8 neighbours are all inside need no
                // bounds checks; only the ends of the row go through the general loop below.
                int[] span = insideSpan(bx, by, bz, ax, ay, az);
                if (span[0] <= span[1]) {
                    general(0, span[0], o0, bx, by, bz, ax, ay, az);
                    interiorLinear3d(span[0], span[1] + 1, o0, bx, by, bz, ax, ay, az);
                    general(span[1] + 1, onx, o0, bx, by, bz, ax, ay, az);
                    return;
                }
            }
            general(0, onx, o0, bx, by, bz, ax, ay, az);
        }

        /**
         * Output x range [first, last] of a row whose coordinates lie strictly inside every axis
         * range [0, n−1] (shrunk by a small margin, so round-off cannot push a point out).
         */
        private int[] insideSpan(double bx, double by, double bz, double ax, double ay, double az) {
            double lo = 0, hi = onx - 1;
            double[] b = {bx, by, bz}, s = {ax, ay, az}, max = {maxX, maxY, maxZ};
            for (int k = 0; k < 3; k++) {
                double margin = 1e-7 * (1 + Math.abs(b[k]) + Math.abs(s[k]) * onx);
                double from = margin, to = max[k] - margin;
                if (to < from) {
                    return new int[] {1, 0};
                }
                if (s[k] == 0) {
                    if (b[k] < from || b[k] > to) {
                        return new int[] {1, 0};
                    }
                    continue;
                }
                double t0 = (from - b[k]) / s[k], t1 = (to - b[k]) / s[k];
                lo = Math.max(lo, Math.min(t0, t1));
                hi = Math.min(hi, Math.max(t0, t1));
            }
            return new int[] {(int) Math.ceil(lo), (int) Math.floor(hi)};
        }

        private void interiorLinear3d(int from, int to, int o0, double bx, double by, double bz, double ax, double ay, double az) {
            for (int x = from; x < to; x++) {
                double cx = bx + ax * x, cy = by + ay * x, cz = bz + az * x;
                int x0 = Math.min((int) cx, x0max), y0 = Math.min((int) cy, y0max), z0 = Math.min((int) cz, z0max);
                double tx = cx - x0, ty = cy - y0, tz = cz - z0;
                int b = x0 + nx * (y0 + ny * z0);
                double v0 = bilinear(b, tx, ty), v1 = bilinear(b + sz1, tx, ty);
                out[o0 + x] = (float) (v0 + tz * (v1 - v0));
            }
        }

        private void general(int from, int to, int o0, double bx, double by, double bz, double ax, double ay, double az) {
            for (int x = from; x < to; x++) {
                int o = o0 + x;
                double cx = bx + ax * x, cy = by + ay * x, cz = bz + az * x;
                if (dx != null) cx += dx[o];
                if (dy != null) cy += dy[o];
                if (dz != null) cz += dz[o];
                if (fast && cx >= 0 && cx < maxX && cy >= 0 && cy < maxY && cz >= 0 && cz < maxZ) {
                    // Strictly inside, one frame, 3D linear: no clamping needed (the field case).
                    int x0 = (int) cx, y0 = (int) cy, z0 = (int) cz;
                    double tx = cx - x0, ty = cy - y0, tz = cz - z0;
                    int b = x0 + nx * (y0 + ny * z0);
                    double v0 = bilinear(b, tx, ty), v1 = bilinear(b + sz1, tx, ty);
                    out[o] = (float) (v0 + tz * (v1 - v0));
                    continue;
                }
                if (!(cx >= -EDGE_TOLERANCE && cx <= maxX + EDGE_TOLERANCE
                        && cy >= -EDGE_TOLERANCE && cy <= maxY + EDGE_TOLERANCE
                        && cz >= -EDGE_TOLERANCE && cz <= maxZ + EDGE_TOLERANCE)) {
                    // Also catches NaN coordinates.
                    for (int t = 0; t < nt; t++) {
                        out[o + t * outFrame] = fill;
                    }
                    continue;
                }
                cx = Math.min(Math.max(cx, 0), maxX);
                cy = Math.min(Math.max(cy, 0), maxY);
                cz = Math.min(Math.max(cz, 0), maxZ);
                if (!linear) {
                    // Coordinates are non-negative here, so the cast floors; halves round up.
                    int i = Math.min((int) (cx + 0.5), nx - 1) + nx * (Math.min((int) (cy + 0.5), ny - 1)
                            + ny * Math.min((int) (cz + 0.5), nz - 1));
                    for (int t = 0; t < nt; t++) {
                        out[o + t * outFrame] = in[i + t * inFrame];
                    }
                    continue;
                }
                int x0 = Math.min((int) cx, x0max), y0 = Math.min((int) cy, y0max);
                double tx = cx - x0, ty = cy - y0;
                if (flat) {
                    int i = x0 + nx * y0;
                    for (int t = 0; t < nt; t++) {
                        int b = i + t * inFrame;
                        out[o + t * outFrame] = (float) bilinear(b, tx, ty);
                    }
                } else {
                    int z0 = Math.min((int) cz, z0max);
                    double tz = cz - z0;
                    int i = x0 + nx * (y0 + ny * z0);
                    for (int t = 0; t < nt; t++) {
                        int b = i + t * inFrame;
                        double v0 = bilinear(b, tx, ty), v1 = bilinear(b + sz1, tx, ty);
                        out[o + t * outFrame] = (float) (v0 + tz * (v1 - v0));
                    }
                }
            }
        }

        /**
         * Bilinear value in the xy plane at corner index b. Differences are taken in double, so a
         * weight of exactly 0 or 1 returns a voxel value unchanged (identity maps are exact).
         */
        private double bilinear(int b, double tx, double ty) {
            double v00 = in[b], v10 = in[b + sx1], v01 = in[b + sy1], v11 = in[b + sy1 + sx1];
            double v0 = v00 + tx * (v10 - v00);
            double v1 = v01 + tx * (v11 - v01);
            return v0 + ty * (v1 - v0);
        }
    }
}
