/**
 * Metrics of generative models over feature vectors (no network here: the features come from
 * {@code org.segforge.nn.features.FeatureNetwork} or any other embedding).
 *
 * <ul>
 *   <li>{@link org.segforge.core.metric.generative.FrechetDistance} → {@link org.segforge.core.metric.generative.FidResult}:
 *       Fréchet distance between fitted Gaussians, matrix square root by symmetric eigendecompositions.
 *   <li>{@link org.segforge.core.metric.generative.PrecisionRecallDistributions} → {@link org.segforge.core.metric.generative.PrdResult}:
 *       PRD curve, F₈, F₁/₈ and AUC (Sajjadi et al. 2018), clustering by {@link org.segforge.core.metric.generative.KMeans}.
 * </ul>
 */
package org.segforge.core.metric.generative;
