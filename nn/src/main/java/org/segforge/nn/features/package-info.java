/**
 * The fixed feature network behind FID and PRD, and the evaluation of synthetic samples with it.
 *
 * <ul>
 *   <li>{@link org.segforge.nn.features.FeatureNetwork}: versioned conv encoder (3D and 2D), weights
 *       in {@link org.segforge.nn.features.FeatureWeights} files shipped in {@code models/fid-features-v1}
 *       (written by {@link org.segforge.nn.features.FeatureModelFolder}).
 *   <li>{@link org.segforge.nn.features.GenerativeEvaluator}: two {@link org.segforge.nn.features.SampleSet}s →
 *       {@link org.segforge.nn.features.GenerativeEvaluation} (FID and PRD from core's
 *       {@code org.segforge.core.metric.generative}).
 * </ul>
 */
package org.segforge.nn.features;
