package org.segforge.nn.features;

import org.segforge.core.metric.generative.FidResult;
import org.segforge.core.metric.generative.PrdResult;

/**
 * FID and PRD of a synthetic sample set against a real one, with what is needed to compare
 * numbers across runs: the feature network's version, the sample shape and whether labels were
 * part of the features.
 *
 * @param featureNetwork version of the feature weights, e.g. "fid-features-v1"
 * @param dims 2 or 3: which network was used
 * @param shape {nx, ny, nz} of the samples
 * @param withLabels whether the label channel was fed (else image-only features)
 * @param real name of the real set
 * @param synthetic name of the synthetic set
 * @param fid on all samples of both sets
 * @param prd on a balanced, seeded subsample (min of the two set sizes from each)
 */
public record GenerativeEvaluation(String featureNetwork, int dims, int[] shape, boolean withLabels, String real,
        String synthetic, FidResult fid, PrdResult prd) {}
