package org.segforge.core.data;

import org.segforge.core.image.Volume;

/**
 * One 2D example of a task: an image slice (nz = 1; nt = number of channels) and its label slice
 * (nz = 1, class indices of the task), with the subject and the slice index it came from. Both
 * slices keep the world geometry of the voxels they came from.
 */
public record TaskSample(Volume image, Volume label, String subjectId, int sliceIndex) {
    public TaskSample {
        if (image.nz() != 1 || label.nz() != 1 || label.nt() != 1) {
            throw new IllegalArgumentException("task samples are 2D slices (nz = 1), got image " + image + ", label " + label);
        }
        if (image.nx() != label.nx() || image.ny() != label.ny()) {
            throw new IllegalArgumentException("image slice " + image.nx() + "×" + image.ny() + " and label slice " + label.nx() + "×" + label.ny() + " differ");
        }
        if (subjectId == null || subjectId.isBlank()) {
            throw new IllegalArgumentException("a task sample needs a subject id");
        }
        if (sliceIndex < 0) {
            throw new IllegalArgumentException("slice index must be ≥ 0, got " + sliceIndex);
        }
    }

    /** "SUBJECT:INDEX", unique within a task (a task has one axis). */
    public String id() {
        return subjectId + ":" + sliceIndex;
    }

    /** Number of non-background pixels of the label slice. */
    public int foregroundPixels() {
        int n = 0;
        for (float v : label.data()) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }
}
