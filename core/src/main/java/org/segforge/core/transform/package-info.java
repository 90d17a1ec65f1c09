/**
 * Seeded data augmentation, TorchIO style. A {@link org.segforge.core.transform.RandomTransform}
 * only draws parameters from a {@link java.util.SplittableRandom} and returns its deterministic
 * twin, a record such as {@link org.segforge.core.transform.Rotation} or
 * {@link org.segforge.core.transform.GammaContrast}; the twin's {@code toString()} is the log line
 * and applying it again replays the augmentation exactly. Transforms never mutate their input.
 *
 * <p>Intensity transforms (contrast, gamma, brightness, noise, blur, bias field) change the image
 * channels only. Spatial transforms (rotation, scaling, elastic, flip) move image and label
 * together through one {@link org.segforge.core.image.CoordinateMap}: image linear, label nearest,
 * so a label never gains a value. {@link org.segforge.core.transform.RandomSpatial} combines
 * rotation, scaling and elastic deformation in a single resampling; a comma list of policies
 * ("rotation,scaling") applies them one after the other, interpolating once per step.
 *
 * <p>On 2D samples (nz = 1) out-of-plane parameters (rotation about x and y, z scaling, z flips,
 * z displacement) are ignored, so one policy serves slices and volumes.
 */
package org.segforge.core.transform;
