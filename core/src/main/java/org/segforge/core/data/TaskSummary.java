package org.segforge.core.data;

import org.segforge.core.image.Axis;

/**
 * What a task would hold, known without cutting its slices: for listing and choosing tasks.
 *
 * @param name              the task name the builder would give it
 * @param grouping          its classes and their label values
 * @param axis              the slicing axis
 * @param slices            slices that pass the foreground threshold (= samples per subject)
 * @param foregroundVoxels  foreground voxels summed over those slices
 * @param largestSlice      foreground voxels of the fullest slice
 * @param firstSlice        index of the first kept slice, or -1 when none is kept
 * @param lastSlice         index of the last kept slice, or -1 when none is kept
 */
public record TaskSummary(String name, LabelGrouping grouping, Axis axis, int slices, long foregroundVoxels,
                          int largestSlice, int firstSlice, int lastSlice) {
}
