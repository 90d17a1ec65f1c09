package org.segforge.core.metric;

/**
 * The surface (border) voxels of a binary mask: voxels of the mask with at least one face
 * neighbour outside it — 6-neighbourhood in 3D, 4-neighbourhood in 2D — where neighbours beyond
 * the grid count as outside. Equal to {@code mask ^ scipy.ndimage.binary_erosion(mask,
 * generate_binary_structure(ndim, 1))} (border_value = 0), the definition medpy and MONAI use.
 */
public final class Surface {
    private Surface() {}

    /**
     * @param threeD true for the 6-neighbourhood; false treats the grid as a stack of independent
     *     2D slices (4-neighbourhood), the right choice when nz = 1
     */
    public static boolean[] of(boolean[] mask, int nx, int ny, int nz, boolean threeD) {
        if (mask.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("mask of " + mask.length + " voxels does not fit " + nx + "×" + ny + "×" + nz);
        }
        boolean[] border = new boolean[mask.length];
        int plane = nx * ny;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int row = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) {
                    int i = row + x;
                    if (!mask[i]) {
                        continue;
                    }
                    boolean inner = x > 0 && mask[i - 1] && x < nx - 1 && mask[i + 1]
                            && y > 0 && mask[i - nx] && y < ny - 1 && mask[i + nx];
                    if (inner && threeD) {
                        inner = z > 0 && mask[i - plane] && z < nz - 1 && mask[i + plane];
                    }
                    border[i] = !inner;
                }
            }
        }
        return border;
    }
}
