/**
 * Datasets and 2D segmentation tasks, independent of file layouts.
 *
 * <ul>
 * <li>{@link org.segforge.core.data.Case} — one subject in memory (channels + label on one grid);
 *     {@link org.segforge.core.data.CaseSource} — a case loaded on demand;
 *     {@link org.segforge.core.data.Dataset} — cases, channel and label names, and
 *     {@link org.segforge.core.data.DatasetProvenance} with a SHA-256
 *     {@link org.segforge.core.data.Fingerprints fingerprint}.</li>
 * <li>{@link org.segforge.core.data.Task} — slices along one axis with labels remapped by a
 *     {@link org.segforge.core.data.LabelGrouping} (binary or multi-class);
 *     {@link org.segforge.core.data.TaskCatalog} lists every task of a label map with its size
 *     from one pass of {@link org.segforge.core.data.SliceCounts};
 *     {@link org.segforge.core.data.TaskBuilder} cuts the chosen ones.</li>
 * <li>{@link org.segforge.core.data.Splits} — seeded, leak-free {@link org.segforge.core.data.Fold}s:
 *     by subject, k-fold, or by slice ranges with a gap for a single subject.</li>
 * </ul>
 * Reading and writing these on disk lives in {@code org.segforge.core.io.dataset}.
 */
package org.segforge.core.data;
