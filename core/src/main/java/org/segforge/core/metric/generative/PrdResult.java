package org.segforge.core.metric.generative;

/**
 * A PRD curve (Sajjadi et al. 2018) and its summaries.
 *
 * @param precision α(λ) per angle, averaged over the runs, in [0, 1]
 * @param recall β(λ) per angle, averaged over the runs, in [0, 1]
 * @param f8 max over the curve of F₈ — high when the synthetic set covers the real one (recall-like)
 * @param f1over8 max over the curve of F₁/₈ — high when synthetic samples look real (precision-like)
 * @param auc area under precision as a function of recall (trapezoids between consecutive angles)
 * @param realCount real feature vectors
 * @param syntheticCount synthetic feature vectors
 * @param config the settings used
 */
public record PrdResult(double[] precision, double[] recall, double f8, double f1over8, double auc,
        int realCount, int syntheticCount, PrdConfig config) {}
