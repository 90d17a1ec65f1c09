package org.segforge.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Interpolation;
import org.segforge.core.image.Volume;
import org.segforge.core.image.Warp;

/** What each transform does, checked against closed forms or scipy. */
class TransformsTest {
    private final Sample s3 = TestSamples.sample3d(16, 14, 7);

    @Test
    void identityParametersGiveIdenticalOutput() {
        List<Transform> identities = List.of(new GammaContrast(1), new LinearContrast(1), new Brightness(1),
                new GaussianNoise(0, 5), new GaussianBlur(0), new BiasField(3, Collections.nCopies(20, 0.0)),
                new Flip(false, false, false), Rotation.NONE, Scaling.NONE, ElasticDeformation.NONE,
                new SpatialWarp(Rotation.NONE, Scaling.NONE, ElasticDeformation.NONE), new Compose(List.of()), Identity.INSTANCE);
        for (Transform t : identities) {
            Sample out = t.apply(s3);
            assertThat(out.image().data()).as(t.toString()).containsExactly(s3.image().data());
            assertThat(out.label().data()).as(t.toString()).containsExactly(s3.label().data());
        }
        // Without the shortcut: the identity coordinate map itself reproduces the voxels exactly.
        SpatialWarp none = new SpatialWarp(Rotation.NONE, Scaling.NONE, ElasticDeformation.NONE);
        assertThat(Warp.apply(s3.image(), none.coordinateMap(s3.image()), Interpolation.LINEAR, 0).data())
                .containsExactly(s3.image().data());
        // 2D: out-of-plane parameters are ignored, so they are the identity too.
        Sample s2 = TestSamples.sample3d(12, 10, 1);
        assertThat(new SpatialWarp(new Rotation(30, -20, 0), new Scaling(1, 1, 1.3), ElasticDeformation.NONE).apply(s2)).isSameAs(s2);
    }

    @Test
    void rotationBy90DegreesIn2dIsAnExactArrayRotation() {
        int n = 23;
        Sample s = TestSamples.square2d(n, 7);
        Sample r = Rotation.inPlane(90).apply(s);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // Content turns +x towards +y: the output at (x, y) came from (y, n−1−x).
                assertThat(r.image().get(x, y, 0)).isCloseTo(s.image().get(y, n - 1 - x, 0), offset(1e-4f));
                assertThat(r.label().get(x, y, 0)).isEqualTo(s.label().get(y, n - 1 - x, 0));
            }
        }
        // Four quarter turns come back exactly (nearest) / to within round-off (linear).
        Sample back = s;
        for (int i = 0; i < 4; i++) {
            back = Rotation.inPlane(90).apply(back);
        }
        assertThat(back.label().data()).containsExactly(s.label().data());
        for (int i = 0; i < n * n; i++) {
            assertThat(back.image().data()[i]).isCloseTo(s.image().data()[i], offset(1e-3f));
        }
    }

    @Test
    void rotationAboutZIn3dTurnsEverySlice() {
        Volume cube = TestSamples.square2d(9, 3).image();
        float[] d = new float[9 * 9 * 4];
        for (int z = 0; z < 4; z++) {
            System.arraycopy(cube.data(), 0, d, 81 * z, 81);
            for (int i = 0; i < 81; i++) {
                d[81 * z + i] += z;
            }
        }
        Volume v = new Volume(9, 9, 4, d, Affine.scaling(1, 1, 2.5));
        Volume r = new Rotation(0, 0, -90).apply(Sample.of(v)).image();
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 9; x++) {
                    assertThat(r.get(x, y, z)).isCloseTo(v.get(8 - y, x, z), offset(1e-4f));
                }
            }
        }
    }

    @Test
    void scalingEnlargesAboutTheCentre() {
        Sample s = TestSamples.square2d(21, 5);
        Volume out = Scaling.isotropic(2).apply(s).image();
        // Output (10 + 2k) samples input (10 + k): the content doubled in size about the centre.
        for (int k = -5; k <= 5; k++) {
            assertThat(out.get(10 + 2 * k, 10, 0)).isCloseTo(s.image().get(10 + k, 10, 0), offset(1e-4f));
            assertThat(out.get(10, 10 + 2 * k, 0)).isCloseTo(s.image().get(10, 10 + k, 0), offset(1e-4f));
        }
        // Shrinking brings in the image minimum as fill at the corners, 0 for the label.
        Sample small = Scaling.isotropic(0.5).apply(s);
        assertThat(small.image().get(0, 0, 0)).isEqualTo(s.image().range()[0]);
        assertThat(small.label().get(0, 0, 0)).isEqualTo(0f);
    }

    @Test
    void flipMirrorsImageAndLabelAndTwiceIsIdentity() {
        Flip f = new Flip(true, false, true);
        Sample out = f.apply(s3);
        Volume in = s3.image();
        for (int t = 0; t < 2; t++) {
            assertThat(out.image().get(0, 3, 0, t)).isEqualTo(in.get(15, 3, 6, t));
        }
        assertThat(out.label().get(2, 5, 1)).isEqualTo(s3.label().get(13, 5, 5));
        Sample twice = f.apply(out);
        assertThat(twice.image().data()).containsExactly(in.data());
    }

    @Test
    void gammaKeepsTheRangeAndBendsTheCurve() {
        Volume img = Volume.image2d(3, 1, new float[] {10, 15, 20});
        Volume out = new GammaContrast(2).apply(Sample.of(img)).image();
        assertThat(out.data()).containsExactly(10f, 12.5f, 20f); // 10 + 10 · 0.5²
    }

    @Test
    void linearContrastScalesAboutTheMeanAndClipsToTheRange() {
        Volume img = Volume.image2d(4, 1, new float[] {0, 2, 4, 10}); // mean 4
        Volume out = new LinearContrast(1.5).apply(Sample.of(img)).image();
        assertThat(out.data()).containsExactly(0f, 1f, 4f, 10f); // −2 clipped to 0, 13 clipped to 10
        Volume low = new LinearContrast(0.5).apply(Sample.of(img)).image();
        assertThat(low.data()).containsExactly(2f, 3f, 4f, 7f);
    }

    @Test
    void noiseHasTheRelativeStandardDeviation() {
        Sample s = TestSamples.sample3d(40, 40, 10);
        Sample out = new GaussianNoise(0.1, 99).apply(s);
        for (int t = 0; t < 2; t++) {
            double std = Channels.stats(s.image(), t).std();
            double ss = 0;
            int n = s.image().frameSize();
            for (int i = 0; i < n; i++) {
                double e = out.image().data()[t * n + i] - s.image().data()[t * n + i];
                ss += e * e;
            }
            assertThat(Math.sqrt(ss / n)).isCloseTo(0.1 * std, offset(0.005 * std));
        }
        assertThat(out.label()).isSameAs(s.label());
    }

    @Test
    void blurMatchesScipyGaussianFilter() {
        Volume v = org.segforge.core.image.WarpTestAccess.vol3(7, 6, 5);
        assertClose(GaussianBlur.blur(v, 0.8).data(), BlurReference.BLUR3_SIGMA08);
        assertClose(GaussianBlur.blur(v, 2.3).data(), BlurReference.BLUR3_SIGMA23);
        assertClose(GaussianBlur.blur(org.segforge.core.image.WarpTestAccess.vol3(9, 8, 1), 0.7).data(), BlurReference.BLUR2_SIGMA07);
    }

    private static void assertClose(float[] got, double[] expected) {
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).as("voxel %d", i).isCloseTo(expected[i], offset(1e-5));
        }
    }

    @Test
    void biasFieldIsTheExponentialOfThePolynomial() {
        // Order 1 coefficients in TorchIO order: (i,j,k) = 000, 001, 010, 100.
        BiasField b = new BiasField(1, List.of(0.1, 0.2, -0.3, 0.4));
        Volume ones = new Volume(5, 3, 3, new float[45], null).withData(filled(45, 2f));
        Volume out = b.apply(Sample.of(ones)).image();
        // Corner (x=4, y=0, z=2) → X=1, Y=−1, Z=1.
        assertThat((double) out.get(4, 0, 2)).isCloseTo(2 * Math.exp(0.1 + 0.2 * 1 - 0.3 * -1 + 0.4 * 1), offset(1e-5));
        assertThat((double) out.get(2, 1, 1)).isCloseTo(2 * Math.exp(0.1), offset(1e-6));
        assertThatThrownBy(() -> new BiasField(3, List.of(1.0))).hasMessageContaining("needs 20 coefficients");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void elasticFieldHasTheRequestedMagnitudeAndIsSmooth() {
        var f = new ElasticDeformation(3, 8, 1234).field(64, 64, 48);
        double ss = 0, jump = 0;
        for (float[] c : new float[][] {f.dx(), f.dy(), f.dz()}) {
            for (int i = 0; i < c.length; i++) {
                ss += c[i] * c[i];
                if (i % 64 != 63) {
                    jump = Math.max(jump, Math.abs(c[i + 1] - c[i]));
                }
            }
        }
        double rms = Math.sqrt(ss / (3.0 * f.dx().length));
        assertThat(rms).isBetween(2.0, 4.0);
        // Neighbouring voxels move alike: the largest step between x-neighbours (measured 1.73) stays
        // well below the RMS (measured 2.98); uncorrelated noise would give steps of several RMS.
        assertThat(jump).isLessThan(0.75 * rms);
        var f2 = new ElasticDeformation(3, 8, 1234).field(40, 30, 1);
        assertThat(f2.dz()).isNull();
    }

    @Test
    void policiesParseAndRejectUnknownNamesClearly() {
        for (String name : AugmentPolicy.NAMES) {
            assertThat(AugmentPolicy.parse(name)).isNotNull();
        }
        assertThat(AugmentPolicy.parse(" Rotation , noise")).isInstanceOf(RandomCompose.class);
        assertThat(AugmentPolicy.parse("none")).isEqualTo(Identity.INSTANCE);
        assertThatThrownBy(() -> AugmentPolicy.parse("rotation,warp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown augmentation 'warp'")
                .hasMessageContaining("none, contrast, noise, rotation, scaling, flip, elastic, bias, blur, stacked");
        assertThatThrownBy(() -> AugmentPolicy.parse(" ")).hasMessageContaining("valid names");
    }

    @Test
    void drawsAreLoggableRecords() {
        Transform t = AugmentPolicy.parse("rotation,scaling").draw(new java.util.SplittableRandom(3));
        assertThat(t.toString()).contains("Rotation[x=").contains("Scaling[x=");
        Transform g = new RandomGamma().draw(new java.util.SplittableRandom(3));
        assertThat(((GammaContrast) g).gamma()).isBetween(0.7, 1.5);
    }

    @Test
    void samplesRejectMismatchedLabels() {
        assertThatThrownBy(() -> Sample.of(s3.image(), Volume.zeros(16, 14, 6, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label grid");
    }

    @Test
    void eachComposedStepDrawsFromItsOwnStream() {
        // Changing how many numbers the first step consumes must not change the second step's draw.
        java.util.SplittableRandom r1 = new java.util.SplittableRandom(11), r2 = new java.util.SplittableRandom(11);
        Transform a = RandomCompose.of(new RandomGamma(), new RandomRotation()).draw(r1);
        Transform b = RandomCompose.of(new RandomScaling(0.9, 1.1, false), new RandomRotation()).draw(r2);
        assertThat(((Compose) a).steps().get(1)).isEqualTo(((Compose) b).steps().get(1));
        assertThat(new RandomGamma().withProbability(0).draw(new java.util.SplittableRandom(1))).isEqualTo(Identity.INSTANCE);
        assertThat(new RandomGamma().withProbability(1).draw(new java.util.SplittableRandom(1))).isInstanceOf(GammaContrast.class);
        assertThatThrownBy(() -> new RandomGamma().withProbability(1.5)).hasMessageContaining("[0, 1]");
    }

    @Test
    void rotationAboutXBy90DegreesTurnsYTowardsZ() {
        int n = 7;
        float[] d = new float[n * n * n];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        Volume v = new Volume(n, n, n, d, null);
        Volume r = new Rotation(90, 0, 0).apply(Sample.of(v)).image();
        // Content at (x, y, z) moves to (x, n−1−z, y): the output at (x, y, z) came from (x, z, n−1−y).
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    assertThat(r.get(x, y, z)).isCloseTo(v.get(x, z, n - 1 - y), offset(1e-3f));
                }
            }
        }
    }
}
