/**
 * Segmentation metrics and statistics, plain Java.
 *
 * <ul>
 *   <li>{@link org.segforge.core.metric.DistanceTransform}: exact anisotropic Euclidean distance
 *       transform (2D/3D), equal to scipy's {@code distance_transform_edt}.
 *   <li>{@link org.segforge.core.metric.SegmentationMetrics}: Dice, IoU, precision, recall, HD95,
 *       ASSD and bAVD per label, with the surface definition, percentile convention and empty-mask
 *       values documented there.
 *   <li>{@link org.segforge.core.metric.MetricAccumulator} → {@link org.segforge.core.metric.MetricReport}:
 *       per-case values and per-label summaries, as JSON or CSV.
 *   <li>{@link org.segforge.core.metric.Statistics}: paired and Welch t-tests, mean ± std, t
 *       confidence intervals.
 * </ul>
 */
package org.segforge.core.metric;
