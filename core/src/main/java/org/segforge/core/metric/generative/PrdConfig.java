package org.segforge.core.metric.generative;

/**
 * Settings of {@link PrecisionRecallDistributions}; {@link #paper(long)} holds Sajjadi et al.'s.
 *
 * @param clusters k-means clusters over the pooled features (paper: 20)
 * @param angles points of the curve, angles equally spaced in (0, π/2) (paper: 1001)
 * @param runs independent clusterings whose curves are averaged (paper: 10)
 * @param starts k-means++ starts per clustering, the best by inertia is kept (reference code: 10)
 * @param maxIterations Lloyd iterations per start
 * @param seed seed of every random choice
 * @param enforceBalance refuse sets of different sizes: the clustering would favour the larger
 *     one (the reference code refuses too)
 */
public record PrdConfig(int clusters, int angles, int runs, int starts, int maxIterations, long seed, boolean enforceBalance) {
    public PrdConfig {
        if (clusters < 1 || runs < 1 || starts < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("clusters, runs, starts and maxIterations must be positive");
        }
        if (angles < 3 || angles > 1_000_000) {
            throw new IllegalArgumentException("angles must be in [3, 1e6], got " + angles);
        }
    }

    /** 20 clusters, 1001 angles, 10 runs, 10 starts, 300 iterations, balanced sets. */
    public static PrdConfig paper(long seed) {
        return new PrdConfig(20, 1001, 10, 10, 300, seed, true);
    }

    public PrdConfig withSeed(long newSeed) {
        return new PrdConfig(clusters, angles, runs, starts, maxIterations, newSeed, enforceBalance);
    }
}
