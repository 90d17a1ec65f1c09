package org.segforge.core.io.dataset;

/**
 * One thing wrong with one case of a dataset on disk (a missing label, a shape mismatch, …), or
 * with the dataset as a whole when {@code caseId} is {@link #DATASET}.
 */
public record CaseProblem(String caseId, String problem) {
    /** The case id used for problems of the whole dataset (dataset.json, counts). */
    public static final String DATASET = "(dataset)";

    @Override
    public String toString() {
        return DATASET.equals(caseId) ? problem : "case " + caseId + ": " + problem;
    }
}
