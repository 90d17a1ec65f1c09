package org.segforge.core.metric;

/**
 * The seven metrics of one label in one case. Distances are in the units of the voxel spacing
 * (mm for NIfTI). Values follow the conventions of {@link SegmentationMetrics}: both masks empty →
 * overlap metrics 1 and distances 0; exactly one empty → overlap metrics 0 and distances NaN.
 *
 * @param dice 2·TP / (2·TP + FP + FN)
 * @param iou TP / (TP + FP + FN) (Jaccard)
 * @param precision TP / (TP + FP)
 * @param recall TP / (TP + FN) (sensitivity)
 * @param hd95 95th-percentile Hausdorff distance between the surfaces
 * @param assd average symmetric surface distance
 * @param bavd balanced average Hausdorff distance (Aydin et al. 2021)
 */
public record LabelMetrics(double dice, double iou, double precision, double recall, double hd95, double assd, double bavd) {

    /** The value of one metric. */
    public double get(Metric metric) {
        return switch (metric) {
            case DICE -> dice;
            case IOU -> iou;
            case PRECISION -> precision;
            case RECALL -> recall;
            case HD95 -> hd95;
            case ASSD -> assd;
            case BAVD -> bavd;
        };
    }
}
