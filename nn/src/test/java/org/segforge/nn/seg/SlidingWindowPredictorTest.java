package org.segforge.nn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.nn.layers.Upsample;

@ExtendWith(OneTorchThread.class)
class SlidingWindowPredictorTest {
    private static final Affine AFFINE = Affine.of(1.2, 0, 0, -30, 0, 0.8, 0, 12, 0, 0, 2.5, 4, 0, 0, 0, 1);
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static Volume random(int nx, int ny, int nz, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[nx * ny * nz];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-2, 3);
        }
        return new Volume(nx, ny, nz, v, AFFINE);
    }

    /** Depth-1 config: any size is valid, which the pointwise test models need. */
    private static UNetConfig flat(int dims, int classes) {
        return new UNetConfig(dims, 1, classes, 1, 1, 1, UNetConfig.Down.STRIDED_CONV, Upsample.Mode.TRANSPOSED);
    }

    @Test
    void imageOfPatchSizeEqualsADirectForward() {
        UNet net = new UNet(new UNetConfig(2, 1, 3, 4, 3, 16, UNetConfig.Down.STRIDED_CONV, Upsample.Mode.TRANSPOSED));
        net.initialize(manager, 5);
        Volume image = random(32, 24, 1, 1);
        Prediction p = new SlidingWindowPredictor(SegmentationModel.of(net, IntensityNormalisation.MIN_MAX), manager,
                SlidingWindowPredictor.Options.of(32, 24)).predict(image);
        float[] normalised = IntensityNormalisation.MIN_MAX.apply(image.data());
        NDArray direct = net.forward(new ParameterStore(manager, false),
                new NDList(manager.create(normalised, new Shape(1, 1, 24, 32))), false).singletonOrThrow().softmax(1);
        float[] expected = direct.toFloatArray(); // (class, y, x) = the probabilities volume's frame layout
        float[] actual = p.probabilities().data();
        assertThat(p.probabilities().shape()).containsExactly(32, 24, 1, 3);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
        }
        float[] argmax = direct.argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        assertThat(p.labels().data()).containsExactly(argmax);
        assertThat(p.labels().affine()).isEqualTo(AFFINE);
    }

    /**
     * A voxel-wise model (logits 2v, −v, 0.5) gives the same answer however the image is tiled, so
     * the sliding window must reproduce it exactly on every voxel: tiles, Gaussian weights,
     * padding (z smaller than the patch), cropping and mirroring all cancel out.
     */
    @Test
    void voxelwiseModelIsReproducedExactlyOnALargerVolume() {
        LambdaBlock pointwise = new LambdaBlock(l -> {
            NDArray x = l.singletonOrThrow();
            return new NDList(ai.djl.ndarray.NDArrays.concat(new NDList(x.mul(2), x.neg(), x.zerosLike().add(0.5f)), 1));
        });
        Volume image = random(37, 23, 5, 2);
        for (boolean mirror : new boolean[] {false, true}) {
            Prediction p = new SlidingWindowPredictor(new SegmentationModel(pointwise, flat(3, 3), IntensityNormalisation.NONE), manager,
                    SlidingWindowPredictor.Options.of(16, 16, 8).withMirror(mirror).withBatchSize(3)).predict(image);
            assertThat(p.probabilities().shape()).containsExactly(37, 23, 5, 3);
            int frame = image.frameSize();
            for (int i = 0; i < frame; i++) {
                double v = image.data()[i];
                double e0 = Math.exp(2 * v), e1 = Math.exp(-v), e2 = Math.exp(0.5), s = e0 + e1 + e2;
                assertThat(p.probabilities().data()[i]).isCloseTo((float) (e0 / s), within(2e-5f));
                assertThat(p.probabilities().data()[i + frame]).isCloseTo((float) (e1 / s), within(2e-5f));
                int arg = e0 >= e1 && e0 >= e2 ? 0 : e1 >= e2 ? 1 : 2;
                assertThat(p.labels().data()[i]).isEqualTo(arg);
            }
        }
    }

    @Test
    void a2dModelSegmentsAVolumeSliceBySlice() {
        LambdaBlock pointwise = new LambdaBlock(l -> {
            NDArray x = l.singletonOrThrow();
            assertThat(x.getShape().dimension()).isEqualTo(4);
            return new NDList(ai.djl.ndarray.NDArrays.concat(new NDList(x, x.neg()), 1));
        });
        Volume image = random(30, 20, 3, 6);
        Prediction p = new SlidingWindowPredictor(new SegmentationModel(pointwise, flat(2, 2), IntensityNormalisation.NONE), manager,
                SlidingWindowPredictor.Options.of(16, 16)).predict(image);
        assertThat(p.probabilities().shape()).containsExactly(30, 20, 3, 2);
        for (int i = 0; i < image.frameSize(); i++) {
            double v = image.data()[i];
            assertThat(p.probabilities().data()[i]).isCloseTo((float) (1 / (1 + Math.exp(-2 * v))), within(2e-5f));
            assertThat(p.labels().data()[i]).isEqualTo(v >= 0 ? 0f : 1f);
        }
    }

    @Test
    void constantModelGivesConstantProbabilities() {
        LambdaBlock constant = new LambdaBlock(l -> {
            NDArray x = l.singletonOrThrow();
            return new NDList(ai.djl.ndarray.NDArrays.concat(new NDList(x.zerosLike().add(0.3f), x.zerosLike().sub(0.7f)), 1));
        });
        Volume image = random(50, 41, 1, 3);
        Prediction p = new SlidingWindowPredictor(new SegmentationModel(constant, flat(2, 2), IntensityNormalisation.Z_SCORE), manager,
                SlidingWindowPredictor.Options.of(16, 16).withOverlap(0.7)).predict(image);
        double p0 = 1 / (1 + Math.exp(-1.0));
        for (int i = 0; i < image.frameSize(); i++) {
            assertThat(p.probabilities().data()[i]).isCloseTo((float) p0, within(1e-6f));
            assertThat(p.labels().data()[i]).isEqualTo(0f);
        }
    }

    @Test
    void unet3dWithMirroringOnAVolumeBiggerThanThePatch() {
        UNet net = new UNet(new UNetConfig(3, 1, 2, 2, 2, 4, UNetConfig.Down.STRIDED_CONV, Upsample.Mode.TRANSPOSED));
        net.initialize(manager, 8);
        Volume image = random(12, 8, 5, 4); // two tiles along x, z padded
        Prediction p = new SlidingWindowPredictor(SegmentationModel.of(net, IntensityNormalisation.Z_SCORE), manager,
                SlidingWindowPredictor.Options.of(8, 8, 8).withMirror(true)).predict(image);
        assertThat(p.probabilities().shape()).containsExactly(12, 8, 5, 2);
        assertThat(p.labels().shape()).containsExactly(12, 8, 5);
        int frame = image.frameSize();
        for (int i = 0; i < frame; i++) {
            assertThat(p.probabilities().data()[i] + p.probabilities().data()[i + frame]).isCloseTo(1f, within(1e-5f));
        }
        assertThatThrownBy(() -> new SlidingWindowPredictor(SegmentationModel.of(net, IntensityNormalisation.NONE), manager,
                SlidingWindowPredictor.Options.of(8, 7, 8))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiples of 2");
    }

    @Test
    void tileStartsCoverTheAxisEvenly() {
        assertThat(SlidingWindowPredictor.starts(16, 16, 0.5)).containsExactly(0);
        assertThat(SlidingWindowPredictor.starts(40, 16, 0.5)).containsExactly(0, 8, 16, 24);
        assertThat(SlidingWindowPredictor.starts(37, 16, 0.5)).containsExactly(0, 7, 14, 21);
        float[] g = SlidingWindowPredictor.gaussian(16, 16, 1, 1.0 / 8);
        assertThat(g[8 + 16 * 8]).isEqualTo(1f);
        assertThat(g[0]).isCloseTo((float) Math.exp(-2 * 64 / (2 * 4.0)), within(1e-9f)); // two axes at distance 8, σ = 2
    }
}
