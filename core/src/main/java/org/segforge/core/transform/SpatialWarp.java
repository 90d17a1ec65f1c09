package org.segforge.core.transform;

import org.segforge.core.image.Affine;
import org.segforge.core.image.CoordinateMap;
import org.segforge.core.image.DisplacementField;
import org.segforge.core.image.Interpolation;
import org.segforge.core.image.Volume;
import org.segforge.core.image.Warp;

/**
 * Rotation, scaling and elastic deformation resampled in one pass, as nnU-Net's SpatialTransform,
 * so the image is interpolated once. Output voxel p samples the input at
 * {@code c + M·(p − c) + d(p)}, where c is the volume centre, M = D⁻¹·S⁻¹·Rᵀ·D undoes the content
 * rotation R and scaling S in millimetres (D = voxel spacing from the affine) and d is the elastic
 * displacement in input voxels. The image is sampled {@link Interpolation#LINEAR} with its minimum
 * as fill (TorchIO's default), the label {@link Interpolation#NEAREST} with fill 0 (background),
 * both through the same {@link CoordinateMap}, so labels only ever keep values they had (plus 0).
 * The grid and affine do not change.
 */
public record SpatialWarp(Rotation rotation, Scaling scaling, ElasticDeformation elastic) implements Transform {
    public SpatialWarp {
        if (rotation == null || scaling == null || elastic == null) {
            throw new IllegalArgumentException("use Rotation.NONE, Scaling.NONE, ElasticDeformation.NONE instead of null");
        }
    }

    public boolean isIdentity(boolean twoD) {
        boolean noRotation = rotation.z() == 0 && (twoD || (rotation.x() == 0 && rotation.y() == 0));
        boolean noScaling = scaling.x() == 1 && scaling.y() == 1 && (twoD || scaling.z() == 1);
        return noRotation && noScaling && elastic.isIdentity();
    }

    @Override
    public Sample apply(Sample sample) {
        if (isIdentity(sample.is2d())) {
            return sample;
        }
        Volume image = sample.image();
        CoordinateMap map = coordinateMap(image);
        float fill = image.range()[0];
        Volume warped = Warp.apply(image, map, Interpolation.LINEAR, fill);
        Volume label = sample.hasLabel() ? Warp.apply(sample.label(), map, Interpolation.NEAREST, 0f) : null;
        return new Sample(warped, label);
    }

    /** Where each voxel of {@code v}'s grid samples from, for this rotation, scaling and deformation. */
    public CoordinateMap coordinateMap(Volume v) {
        boolean twoD = v.nz() == 1;
        double[] sp = v.spacing();
        double[][] r = twoD ? rotationZ(rotation.z()) : multiply(rotationZ(rotation.z()), multiply(rotationY(rotation.y()), rotationX(rotation.x())));
        double[] s = {scaling.x(), scaling.y(), twoD ? 1 : scaling.z()};
        double[] c = {(v.nx() - 1) / 2.0, (v.ny() - 1) / 2.0, (v.nz() - 1) / 2.0};
        // M[i][j] = sp_j · Rᵀ[i][j] / (s_i · sp_i)
        double[] a = new double[16];
        for (int i = 0; i < 3; i++) {
            double shift = c[i];
            for (int j = 0; j < 3; j++) {
                double m = sp[j] * r[j][i] / (s[i] * sp[i]);
                a[4 * i + j] = m;
                shift -= m * c[j];
            }
            a[4 * i + 3] = shift;
        }
        a[15] = 1;
        if (twoD) {
            // Keep z exactly on the plane.
            a[2] = a[6] = a[8] = a[9] = a[11] = 0;
            a[10] = 1;
        }
        DisplacementField d = elastic.isIdentity() ? null : elastic.field(v.nx(), v.ny(), v.nz());
        return new CoordinateMap(v.nx(), v.ny(), v.nz(), Affine.of(a), d);
    }

    private static double[][] rotationX(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[][] {{1, 0, 0}, {0, c, -s}, {0, s, c}};
    }

    private static double[][] rotationY(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[][] {{c, 0, s}, {0, 1, 0}, {-s, 0, c}};
    }

    private static double[][] rotationZ(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
    }

    private static double[][] multiply(double[][] p, double[][] q) {
        double[][] o = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    o[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        return o;
    }
}
