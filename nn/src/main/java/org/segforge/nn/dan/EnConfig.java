package org.segforge.nn.dan;

/**
 * The shape of the evaluation network: {@code blocks} × (3×3 conv, stride 2 → LeakyReLU), block b
 * with min(baseWidth·2^b, maxWidth) filters, then global average pooling and one linear unit
 * giving the logit of "this pair came from the annotated set".
 *
 * @param baseWidth filters of the first block
 * @param blocks    strided conv blocks (each halves the resolution)
 * @param maxWidth  cap on the filters of any block
 * @param slope     LeakyReLU negative slope (0.2 as in DCGAN-style discriminators)
 */
public record EnConfig(int baseWidth, int blocks, int maxWidth, double slope) {
    public EnConfig {
        if (baseWidth < 1 || maxWidth < baseWidth) {
            throw new IllegalArgumentException("need 1 ≤ baseWidth ≤ maxWidth, got " + baseWidth + ", " + maxWidth);
        }
        if (blocks < 1 || blocks > 8) {
            throw new IllegalArgumentException("EN blocks must be in 1..8, got " + blocks);
        }
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("LeakyReLU slope must be in [0, 1), got " + slope);
        }
    }

    /** 4 blocks of 8…64 filters: a few tens of thousands of weights. */
    public static EnConfig cpu() {
        return new EnConfig(8, 4, 64, 0.2);
    }

    /** 5 blocks of 64…512 filters, the size of a typical image-level discriminator. */
    public static EnConfig paper() {
        return new EnConfig(64, 5, 512, 0.2);
    }

    /** Filters of block b. */
    public int width(int b) {
        return (int) Math.min((long) baseWidth << b, maxWidth);
    }
}
