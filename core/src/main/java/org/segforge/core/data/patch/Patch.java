package org.segforge.core.data.patch;

import org.segforge.core.image.Volume;

/**
 * A patch cut from a case: image and label on the patch grid (their affines place voxel (0,0,0) at
 * the source voxel (x0, y0, z0), which may be negative or beyond the edge when the patch is padded).
 *
 * @param image the image patch (all frames of the source image)
 * @param label the label patch, or null when sampled without a label
 * @param x0 source x of the patch's first voxel
 * @param y0 source y of the patch's first voxel
 * @param z0 source z of the patch's first voxel
 * @param centreClass the foreground class whose voxel the patch was centred on (moved inside the
 *     volume where needed), or 0 for a uniformly placed patch
 */
public record Patch(Volume image, Volume label, int x0, int y0, int z0, int centreClass) {
    /** True when the patch was centred on a foreground voxel. */
    public boolean foregroundCentred() {
        return centreClass > 0;
    }
}
