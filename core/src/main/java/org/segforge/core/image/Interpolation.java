package org.segforge.core.image;

/**
 * How a volume is sampled between voxel centres. {@link #NEAREST} copies the value of the closest
 * voxel (ties round up, as scipy's order 0) and is the only choice for label maps, because it
 * never invents a value; {@link #LINEAR} is (tri/bi)linear interpolation, scipy's order 1.
 */
public enum Interpolation {
    NEAREST, LINEAR
}
