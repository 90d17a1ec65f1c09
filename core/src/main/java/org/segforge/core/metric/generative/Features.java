package org.segforge.core.metric.generative;

/** Argument checks shared by the feature-matrix metrics. */
final class Features {
    private Features() {}

    /** A feature matrix must have at least 2 rows, all of one positive length, all values finite. */
    static void check(double[][] features, String what) {
        if (features == null || features.length < 2) {
            throw new IllegalArgumentException(what + ": at least 2 feature vectors are needed, got "
                    + (features == null ? 0 : features.length));
        }
        int d = features[0].length;
        if (d < 1) {
            throw new IllegalArgumentException(what + ": feature vectors are empty");
        }
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + features[i].length + " values, row 0 has " + d);
            }
            for (double v : features[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + ": row " + i + " holds a non-finite value " + v);
                }
            }
        }
    }
}
