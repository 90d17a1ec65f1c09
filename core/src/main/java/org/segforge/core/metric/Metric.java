package org.segforge.core.metric;

/** The metrics of {@link LabelMetrics}, in report order, with the names used in JSON and CSV. */
public enum Metric {
    DICE("dice"),
    IOU("iou"),
    PRECISION("precision"),
    RECALL("recall"),
    HD95("hd95"),
    ASSD("assd"),
    BAVD("bavd");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** The lower-case name used as JSON key and CSV column. */
    public String key() {
        return key;
    }

    /** True for distances (lower is better), false for overlap scores (higher is better). */
    public boolean isDistance() {
        return this == HD95 || this == ASSD || this == BAVD;
    }
}
