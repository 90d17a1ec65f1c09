package org.segforge.nn.seg;

import org.segforge.core.image.Volume;

/**
 * A segmentation on the input image's grid and affine.
 *
 * @param probabilities class probabilities, one frame per class (nt = classes), summing to 1 per voxel
 * @param labels the most probable class per voxel (ties go to the lower class)
 */
public record Prediction(Volume probabilities, Volume labels) {}
