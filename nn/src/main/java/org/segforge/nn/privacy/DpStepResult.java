package org.segforge.nn.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one DP-SGD update did.
 *
 * @param batchSize        how many examples Poisson sampling picked (may be 0)
 * @param meanLoss         mean per-example loss over the batch (NaN for an empty batch)
 * @param perSampleNorms   every picked example's gradient L2 norm before clipping, in batch order
 * @param clippedFraction  share of the examples whose gradient was scaled down (NaN if empty)
 * @param noiseStd         the noise standard deviation σ·C added to the gradient sum
 * @param updateNorm       the L2 norm of the private gradient handed to the optimiser
 */
public record DpStepResult(int batchSize, double meanLoss, double[] perSampleNorms, double clippedFraction,
                           double noiseStd, double updateNorm) {
    public DpStepResult {
        perSampleNorms = perSampleNorms.clone();
    }

    @Override
    public double[] perSampleNorms() {
        return perSampleNorms.clone();
    }

    /** Mean per-example gradient norm before clipping (NaN if empty): the value to tune C against. */
    public double meanNorm() {
        double s = 0;
        for (double n : perSampleNorms) {
            s += n;
        }
        return perSampleNorms.length == 0 ? Double.NaN : s / perSampleNorms.length;
    }

    /** Scalar metrics for the training log: "dpBatch", "dpLoss", "dpGradNorm", "dpClipped", "dpUpdateNorm". */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("dpBatch", (double) batchSize);
        m.put("dpLoss", meanLoss);
        m.put("dpGradNorm", meanNorm());
        m.put("dpClipped", clippedFraction);
        m.put("dpUpdateNorm", updateNorm);
        return m;
    }
}
