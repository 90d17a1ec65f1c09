package org.segforge.nn.dan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * What the evaluation network sees of an (image, segmentation) pair (METHODS.md M4).
 *
 * <p>Image I is (N, 1, H, W) in [0, 1]; the segmentation P is (N, C, H, W) class probabilities.
 */
public enum EnInput {
    /** The stack [I, P]: 1 + C channels. */
    STACK,
    /**
     * Per class c the pair [I·P_c, (1 − I)·P_c]: 2C channels. The image enters only through the
     * segmentation, so EN cannot tell annotated from unannotated images by the image alone.
     */
    PRODUCT;

    /** Input channels of EN for a C-class segmentation of a one-channel image. */
    public int channels(int classes) {
        return this == STACK ? 1 + classes : 2 * classes;
    }

    /** EN's input for image (N, 1, H, W) and probabilities (N, C, H, W). */
    public NDArray build(NDArray image, NDArray probabilities) {
        if (image.getShape().dimension() != 4 || image.getShape().get(1) != 1) {
            throw new IllegalArgumentException("EN input needs a one-channel image (N, 1, H, W), got " + image.getShape());
        }
        if (probabilities.getShape().dimension() != 4 || probabilities.getShape().get(0) != image.getShape().get(0)
                || probabilities.getShape().get(2) != image.getShape().get(2) || probabilities.getShape().get(3) != image.getShape().get(3)) {
            throw new IllegalArgumentException("probabilities " + probabilities.getShape() + " do not match image " + image.getShape());
        }
        if (this == STACK) {
            return image.concat(probabilities, 1);
        }
        long c = probabilities.getShape().get(1);
        NDArray fg = probabilities.mul(image);
        NDArray bg = probabilities.mul(image.neg().add(1f));
        // interleave per class: [I·P_0, (1−I)·P_0, I·P_1, (1−I)·P_1, …]
        NDList parts = new NDList((int) (2 * c));
        for (long k = 0; k < c; k++) {
            parts.add(fg.get(":, {}:{}", k, k + 1));
            parts.add(bg.get(":, {}:{}", k, k + 1));
        }
        return NDArrays.concat(parts, 1);
    }

    /** Parses "stack" or "product" (any case). */
    public static EnInput parse(String s) {
        for (EnInput e : values()) {
            if (e.name().equalsIgnoreCase(s.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("EN input must be stack or product, not '" + s + "'");
    }
}
