package org.segforge.nn.wgan;

import org.segforge.core.image.Volume;

/**
 * One generated pair on a grid of the config's voxel size: the image in [0, 1] and the binary label
 * (0/1) thresholded from the generator's label channel.
 */
public record SyntheticPair(Volume image, Volume label) {}
