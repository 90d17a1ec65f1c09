package org.segforge.nn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.core.metric.generative.FidResult;
import org.segforge.core.metric.generative.FrechetDistance;
import org.segforge.nn.OneTorchThread;

@ExtendWith(OneTorchThread.class)
class FeatureNetworkTest {
    /** The shipped model folder, seen from the nn module. */
    static final Path SHIPPED = Path.of("..", "models", "fid-features-v1");

    @TempDir
    Path tmp;

    @Test
    void shippedWeightsAreTheSeededDraw() throws Exception {
        for (int dims : new int[] {2, 3}) {
            byte[] shipped = Files.readAllBytes(SHIPPED.resolve(FeatureNetwork.fileName(dims)));
            byte[] fresh = FeatureWeights.generate(FeatureNetworkConfig.v1(dims)).toBytes();
            assertThat(Arrays.equals(shipped, fresh)).as("%dD weights reproduce from the seed", dims).isTrue();
            FeatureWeights read = FeatureWeights.read(SHIPPED.resolve(FeatureNetwork.fileName(dims)));
            assertThat(read.config()).isEqualTo(FeatureNetworkConfig.v1(dims));
        }
        assertThat(Files.size(SHIPPED.resolve("features-3d.bin")) + Files.size(SHIPPED.resolve("features-2d.bin"))).isLessThan(2_000_000);
        assertThat(Files.readString(SHIPPED.resolve("provenance.json")))
                .contains(FeatureModelFolder.sha256(FeatureWeights.generate(FeatureNetworkConfig.v1(3)).toBytes()));
    }

    @Test
    void rejectsForeignFiles() throws Exception {
        Path bad = tmp.resolve(FeatureNetwork.fileName(3));
        Files.writeString(bad, "hello");
        assertThatThrownBy(() -> FeatureNetwork.load(tmp, 3)).isInstanceOf(DataException.class).hasMessageContaining(bad.toString());
        assertThatThrownBy(() -> FeatureNetwork.load(tmp, 2)).isInstanceOf(DataException.class).hasMessageContaining("features-2d.bin");
    }

    /**
     * The point of the network: FID between two independent draws of real patches is far below
     * FID against noise and against blurred real patches (σ = 1.5 voxels). Printed values: 96
     * patches per set; v1's high-pass first layer is what makes the blur visible (with plain
     * random kernels real-blur was only 2.4× real-real, see models/fid-features-v1/README.md).
     */
    @Test
    void separatesRealFromBadSamples3d() throws Exception {
        int[] size = {32, 32, 16};
        List<List<Volume>> a = ColinPatches.real(96, size, 1), b = ColinPatches.real(96, size, 2);
        List<List<Volume>> noise = ColinPatches.noise(b.get(0), 3);
        try (FeatureNetwork net = FeatureNetwork.load(SHIPPED, 3)) {
            assertThat(net.dimension()).isEqualTo(160);
            double[][] fa = net.embed(a.get(0), a.get(1));
            double[][] fb = net.embed(b.get(0), b.get(1));
            double[][] fn = net.embed(noise.get(0), noise.get(1));
            double[][] fblur = net.embed(ColinPatches.blurred(b.get(0), 1.5), b.get(1));
            FidResult realReal = FrechetDistance.compute(fa, fb);
            FidResult realNoise = FrechetDistance.compute(fa, fn);
            FidResult realBlur = FrechetDistance.compute(fa, fblur);
            System.out.printf("3D FID real-real %.5f, real-noise %.5f, real-blur %.5f%n", realReal.fid(), realNoise.fid(), realBlur.fid());
            assertThat(realNoise.fid()).isGreaterThan(20 * realReal.fid());
            assertThat(realBlur.fid()).isGreaterThan(5 * realReal.fid());
        }
    }

    @Test
    void separatesRealFromBadSamples2d() throws Exception {
        int[] size = {64, 64};
        List<List<Volume>> a = ColinPatches.real(96, size, 4), b = ColinPatches.real(96, size, 5);
        List<List<Volume>> noise = ColinPatches.noise(b.get(0), 6);
        try (FeatureNetwork net = FeatureNetwork.load(SHIPPED, 2)) {
            double[][] fa = net.embed(a.get(0), a.get(1));
            double realReal = FrechetDistance.compute(fa, net.embed(b.get(0), b.get(1))).fid();
            double realNoise = FrechetDistance.compute(fa, net.embed(noise.get(0), noise.get(1))).fid();
            double realBlur = FrechetDistance.compute(fa, net.embed(ColinPatches.blurred(b.get(0), 1.5), b.get(1))).fid();
            System.out.printf("2D FID real-real %.5f, real-noise %.5f, real-blur %.5f%n", realReal, realNoise, realBlur);
            assertThat(realNoise).isGreaterThan(20 * realReal);
            assertThat(realBlur).isGreaterThan(5 * realReal);
            // image-only features (no label channel) see the blur too
            double[][] ia = net.embed(a.get(0), null), ib = net.embed(b.get(0), null);
            double[][] iblur = net.embed(ColinPatches.blurred(b.get(0), 1.5), null);
            assertThat(FrechetDistance.compute(ia, iblur).fid()).isGreaterThan(5 * FrechetDistance.compute(ia, ib).fid());
        }
    }

    @Test
    void featuresAreDeterministicAndBatchIndependent() throws Exception {
        List<List<Volume>> a = ColinPatches.real(5, new int[] {16, 16, 8}, 7);
        try (FeatureNetwork net = FeatureNetwork.load(SHIPPED, 3)) {
            double[][] all = net.embed(a.get(0), a.get(1));
            double[][] one = net.embed(a.get(0).subList(3, 4), a.get(1).subList(3, 4));
            // batched and single convolutions may round differently in the last bit
            for (int j = 0; j < one[0].length; j++) {
                assertThat(one[0][j]).isCloseTo(all[3][j], org.assertj.core.api.Assertions.within(1e-5 * (1 + Math.abs(all[3][j]))));
            }
            assertThat(all[0]).hasSize(160);
            assertThatThrownBy(() -> net.embed(List.of(a.get(0).get(0), Volume.zeros(8, 8, 8, a.get(0).get(0).affine())), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one shape");
        }
    }
}
