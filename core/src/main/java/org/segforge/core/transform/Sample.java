package org.segforge.core.transform;

import org.segforge.core.image.Volume;

/**
 * What an augmentation works on: an image (nt ≥ 1 channels) and, optionally, its label map on the
 * same voxel grid (nt = 1, values are class indices, 0 = background). A sample carries no random
 * state; randomness lives in {@link RandomTransform#draw}. Volumes are shared, never mutated by a
 * {@link Transform}.
 *
 * @param image the image, required
 * @param label the label map, or null when the sample has none
 */
public record Sample(Volume image, Volume label) {
    public Sample {
        if (image == null) {
            throw new IllegalArgumentException("a sample needs an image");
        }
        if (label != null) {
            if (label.nx() != image.nx() || label.ny() != image.ny() || label.nz() != image.nz()) {
                throw new IllegalArgumentException("label grid " + label.nx() + "×" + label.ny() + "×" + label.nz()
                        + " differs from image grid " + image.nx() + "×" + image.ny() + "×" + image.nz());
            }
            if (label.nt() != 1) {
                throw new IllegalArgumentException("a label map has one frame, got nt=" + label.nt());
            }
        }
    }

    public static Sample of(Volume image) {
        return new Sample(image, null);
    }

    public static Sample of(Volume image, Volume label) {
        return new Sample(image, label);
    }

    public boolean hasLabel() {
        return label != null;
    }

    public Sample withImage(Volume newImage) {
        return new Sample(newImage, label);
    }

    /** True for 2D samples (nz = 1), where out-of-plane parameters are ignored. */
    public boolean is2d() {
        return image.nz() == 1;
    }
}
