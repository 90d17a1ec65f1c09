package org.segforge.core.transform;

/**
 * Scaling of the content about the volume centre by a factor per axis, TorchIO's convention: a
 * factor above 1 enlarges the content (zooms in), below 1 shrinks it and brings in fill at the
 * border. On 2D samples {@code z} is ignored.
 */
public record Scaling(double x, double y, double z) implements Transform {
    public static final Scaling NONE = new Scaling(1, 1, 1);

    public Scaling {
        Draws.checkPositive("scale x", x);
        Draws.checkPositive("scale y", y);
        Draws.checkPositive("scale z", z);
    }

    public static Scaling isotropic(double factor) {
        return new Scaling(factor, factor, factor);
    }

    @Override
    public Sample apply(Sample sample) {
        return new SpatialWarp(Rotation.NONE, this, ElasticDeformation.NONE).apply(sample);
    }
}
