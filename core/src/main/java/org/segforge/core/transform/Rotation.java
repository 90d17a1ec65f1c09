package org.segforge.core.transform;

/**
 * Rotation of the content about the volume centre, in degrees about the x, y and z axes (applied
 * as Rz·Ry·Rx, in millimetres so anisotropic voxels stay undistorted). A positive angle about z
 * turns +x towards +y. On 2D samples only the in-plane angle {@code z} is used.
 */
public record Rotation(double x, double y, double z) implements Transform {
    public static final Rotation NONE = new Rotation(0, 0, 0);

    public Rotation {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("rotation angles must be finite, got " + x + ", " + y + ", " + z);
        }
    }

    /** A 2D (in-plane) rotation. */
    public static Rotation inPlane(double degrees) {
        return new Rotation(0, 0, degrees);
    }

    @Override
    public Sample apply(Sample sample) {
        return new SpatialWarp(this, Scaling.NONE, ElasticDeformation.NONE).apply(sample);
    }
}
