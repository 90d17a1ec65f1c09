package org.segforge.core.transform;

/**
 * A deterministic augmentation: the same sample always gives the same result, and the input is
 * never mutated. Implementations are records, so the parameters of a drawn transform print
 * (and log) through {@code toString()} and compare with {@code equals}.
 */
public interface Transform {
    Sample apply(Sample sample);
}
