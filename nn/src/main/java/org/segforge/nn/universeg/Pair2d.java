package org.segforge.nn.universeg;

/**
 * One image–label pair of an episode at the network's size: row-major {@code size × size}
 * pixels, image min-max normalised to [0, 1], label 0/1.
 */
public record Pair2d(int size, float[] image, float[] label) {
    public Pair2d {
        if (size < 1 || image.length != size * size || label.length != size * size) {
            throw new IllegalArgumentException("a " + size + "×" + size + " pair needs " + size * size + " pixels, got "
                    + image.length + " and " + label.length);
        }
    }

    public int foreground() {
        int n = 0;
        for (float v : label) {
            if (v > 0.5f) {
                n++;
            }
        }
        return n;
    }
}
