package org.segforge.nn.privacy;

import org.segforge.core.privacy.NoiseCalibration;

/**
 * The DP-SGD settings of one privately trained player. JSON round trip through
 * {@link org.segforge.nn.train.Json}.
 *
 * @param clipNorm        C: every example's gradient (over all parameters) is scaled to L2 norm ≤ C
 * @param noiseMultiplier σ: the noise added to the sum of clipped gradients has std σ·C per coordinate
 * @param samplingRate    q: every example of the private dataset joins a step's batch independently
 *                        with this probability
 * @param datasetSize     N: the number of private examples; the noisy sum is divided by the expected
 *                        batch size q·N
 * @param delta           δ at which ε is reported (conventionally below 1/N)
 * @param targetEpsilon   the ε the run should not exceed, used by {@link #calibrated} to choose σ;
 *                        0 = no target
 */
public record DpConfig(double clipNorm, double noiseMultiplier, double samplingRate, int datasetSize, double delta,
                       double targetEpsilon) {
    public DpConfig {
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipping norm C must be finite and > 0, got " + clipNorm);
        }
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier sigma must be finite and >= 0, got " + noiseMultiplier);
        }
        if (!(samplingRate > 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("sampling rate q must be in (0, 1], got " + samplingRate);
        }
        if (datasetSize < 1) {
            throw new IllegalArgumentException("dataset size must be >= 1, got " + datasetSize);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        if (!(targetEpsilon >= 0)) {
            throw new IllegalArgumentException("target epsilon must be >= 0 (0 = none), got " + targetEpsilon);
        }
    }

    /**
     * Settings for an expected batch of {@code expectedBatch} out of {@code datasetSize} examples
     * (q = expectedBatch / datasetSize), no target ε.
     */
    public static DpConfig of(double clipNorm, double noiseMultiplier, int expectedBatch, int datasetSize, double delta) {
        if (expectedBatch < 1 || expectedBatch > datasetSize) {
            throw new IllegalArgumentException("expected batch must be in [1, dataset size " + datasetSize + "], got " + expectedBatch);
        }
        return new DpConfig(clipNorm, noiseMultiplier, expectedBatch / (double) datasetSize, datasetSize, delta, 0);
    }

    /** q·N, the divisor of the noisy gradient sum (the standard DP-SGD normalisation). */
    public double expectedBatch() {
        return samplingRate * datasetSize;
    }

    public DpConfig withTargetEpsilon(double epsilon) {
        return new DpConfig(clipNorm, noiseMultiplier, samplingRate, datasetSize, delta, epsilon);
    }

    public DpConfig withNoiseMultiplier(double sigma) {
        return new DpConfig(clipNorm, sigma, samplingRate, datasetSize, delta, targetEpsilon);
    }

    /**
     * This config with the smallest σ for which {@code dpSteps} private updates stay within the
     * target ε at δ (RDP accountant, improved conversion; see core's NoiseCalibration).
     *
     * @throws IllegalArgumentException if no target ε is set or it cannot be met
     */
    public DpConfig calibrated(long dpSteps) {
        if (targetEpsilon == 0) {
            throw new IllegalArgumentException("no target epsilon to calibrate the noise for");
        }
        return withNoiseMultiplier(NoiseCalibration.sigmaFor(samplingRate, dpSteps, delta, targetEpsilon));
    }
}
