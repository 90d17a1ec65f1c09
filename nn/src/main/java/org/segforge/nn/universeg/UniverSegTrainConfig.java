package org.segforge.nn.universeg;

/**
 * Episodic training of UniverSeg: model shape, episodes per step, largest support set drawn in
 * training (n is uniform in 1..maxSupport per step), steps, Adam's learning rate (cosine decay to
 * a tenth after a warm-up), seed, the minimum foreground of a slice to be drawn, augmentation on/off,
 * and the weight of a binary cross-entropy term added to the soft Dice loss (0 = the spec's pure
 * soft Dice). Why the cpu recipe adds it: in a first cpu run with pure soft Dice at lr 1e-3 the
 * network collapsed to empty predictions (loss 0.87 → 0.98 after the warm-up, gradient norm
 * 0.04, validation Dice 0 at 400 steps); saturated sigmoids give soft Dice no gradient back.
 * {@code inTask}: the strength of the per-image augmentation (used when {@code augment} is set);
 * {@code supportGap}: largest gap between query and support slices drawn per episode (0: supports
 * drawn from all the task's slices, see {@link EpisodeMaker}); {@code familyWeights}: how often each
 * task family is drawn (families not named: 1; see {@link EpisodeMaker}); {@code selectNearest}: K of
 * training with support selection (0: off; see {@link EpisodeMaker}).
 * Written into provenance.json; JSON round trip through {@link org.segforge.nn.train.Json}.
 */
public record UniverSegTrainConfig(UniverSegConfig model, int batch, int maxSupport, long steps, double lr, long warmup, long seed,
                                   int minPixels, boolean augment, double bceWeight, InTaskAugmentation inTask,
                                   int supportGap, java.util.Map<String, Double> familyWeights, int selectNearest) {
    public UniverSegTrainConfig {
        familyWeights = java.util.Map.copyOf(familyWeights == null ? EpisodeMaker.FAMILY_WEIGHTS : familyWeights);
        if (model == null || inTask == null || supportGap < 0 || selectNearest < 0 || familyWeights.values().stream().anyMatch(w -> !(w >= 0) || w.isInfinite()) || batch < 1 || maxSupport < 1 || steps < 1 || !(lr > 0) || warmup < 0 || minPixels < 1 || !(bceWeight >= 0)) {
            throw new IllegalArgumentException("invalid UniverSeg training config: model " + model + ", batch " + batch
                    + ", steps " + steps + ", lr " + lr + ", warmup " + warmup + ", minPixels " + minPixels + ", in-task " + inTask);
        }
    }

    /** With the {@link InTaskAugmentation#standard() standard} in-task augmentation and no support gap. */
    public UniverSegTrainConfig(UniverSegConfig model, int batch, int maxSupport, long steps, double lr, long warmup, long seed,
                                int minPixels, boolean augment, double bceWeight) {
        this(model, batch, maxSupport, steps, lr, warmup, seed, minPixels, augment, bceWeight, InTaskAugmentation.standard(), 0, EpisodeMaker.FAMILY_WEIGHTS, 0);
    }

    /** With the default {@link EpisodeMaker#FAMILY_WEIGHTS}. */
    public UniverSegTrainConfig(UniverSegConfig model, int batch, int maxSupport, long steps, double lr, long warmup, long seed,
                                int minPixels, boolean augment, double bceWeight, InTaskAugmentation inTask, int supportGap) {
        this(model, batch, maxSupport, steps, lr, warmup, seed, minPixels, augment, bceWeight, inTask, supportGap, EpisodeMaker.FAMILY_WEIGHTS, 0);
    }

    /**
     * The shipped model's recipe: cpu network, 2 episodes per step with up to 8 support examples
     * (what 2 shared cores afford: ~1 s per step), Adam 3e-4, soft Dice + BCE.
     */
    public static UniverSegTrainConfig cpu(long steps, long seed) {
        return new UniverSegTrainConfig(UniverSegConfig.cpu(), 2, 8, steps, 3e-4, Math.min(100, steps / 10), seed, 150, true, 1.0);
    }
}
