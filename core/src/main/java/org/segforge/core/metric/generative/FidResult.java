package org.segforge.core.metric.generative;

/**
 * A Fréchet distance between two Gaussians fitted to feature vectors.
 *
 * @param fid d² = {@code meanTerm + covarianceTerm}, ≥ 0 up to rounding
 * @param meanTerm ‖μ₁ − μ₂‖²
 * @param covarianceTerm Tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)
 * @param realCount number of vectors in the first (real) set
 * @param syntheticCount number of vectors in the second (synthetic) set
 * @param dimension feature dimension d
 * @param rankDeficient true when either covariance is singular (for instance n ≤ d): the distance
 *     is still defined, but it only sees the directions the samples span, so compare such values
 *     only between runs with the same n and d
 */
public record FidResult(double fid, double meanTerm, double covarianceTerm, int realCount, int syntheticCount,
        int dimension, boolean rankDeficient) {}
