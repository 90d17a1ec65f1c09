package org.segforge.nn.universeg;

/**
 * Episodic training of UniverSeg: model shape, episodes per step, largest support set drawn in
 * training (n is uniform in 1..maxSupport per step), steps, Adam's learning rate (cosine decay to
 * a tenth after a warm-up), seed, the minimum foreground of a slice to be drawn, augmentation on/off.
 * Written into provenance.json; JSON round trip through {@link org.segforge.nn.train.Json}.
 */
public record UniverSegTrainConfig(UniverSegConfig model, int batch, int maxSupport, long steps, double lr, long warmup, long seed,
                                   int minPixels, boolean augment) {
    public UniverSegTrainConfig {
        if (model == null || batch < 1 || maxSupport < 1 || steps < 1 || !(lr > 0) || warmup < 0 || minPixels < 1) {
            throw new IllegalArgumentException("invalid UniverSeg training config: model " + model + ", batch " + batch
                    + ", steps " + steps + ", lr " + lr + ", warmup " + warmup + ", minPixels " + minPixels);
        }
    }

    /**
     * The shipped model's recipe: cpu network, 2 episodes per step with up to 8 support examples
     * (what 2 shared cores afford: ~1 s per step), Adam 1e-3.
     */
    public static UniverSegTrainConfig cpu(long steps, long seed) {
        return new UniverSegTrainConfig(UniverSegConfig.cpu(), 2, 8, steps, 1e-3, Math.min(100, steps / 10), seed, 60, true);
    }
}
