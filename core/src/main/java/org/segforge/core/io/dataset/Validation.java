package org.segforge.core.io.dataset;

/** How much reading a dataset folder checks. */
public enum Validation {
    /** File names and pairing, and every volume's geometry and label values (reads all voxels). */
    FULL,
    /** File names and pairing only: fast, for listing a large dataset. */
    FILES
}
