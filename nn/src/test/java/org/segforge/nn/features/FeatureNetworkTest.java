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
     * FID against noise and against blurred real patches (σ = 1.5 voxels). 64 patches per set
     * (fewer than the 160 feature dimensions, so real-real carries a small-sample bias; see
     * FidSeparationBench for N = 256); v1's high-pass first layer is what makes the blur visible (with plain
     * random kernels real-blur was only 2.4× real-real, see models/fid-features-v1/README.md).
     */
    @Test
    void separatesRealFromBadSamples3d() throws Exception {
        int[] size = {32, 32, 16};
        List<List<Volume>> a = ColinPatches.real(64, size, 1), b = ColinPatches.real(64, size, 2);
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
            assertThat(realBlur.fid()).isGreaterThan(4 * realReal.fid()); // measured 0.294 vs 0.050
        }
    }

    @Test
    void separatesRealFromBadSamples2d() throws Exception {
        int[] size = {64, 64};
        List<List<Volume>> a = ColinPatches.real(64, size, 4), b = ColinPatches.real(64, size, 5);
        List<List<Volume>> noise = ColinPatches.noise(b.get(0), 6);
        try (FeatureNetwork net = FeatureNetwork.load(SHIPPED, 2)) {
            double[][] fa = net.embed(a.get(0), a.get(1));
            double realReal = FrechetDistance.compute(fa, net.embed(b.get(0), b.get(1))).fid();
            double realNoise = FrechetDistance.compute(fa, net.embed(noise.get(0), noise.get(1))).fid();
            double realBlur = FrechetDistance.compute(fa, net.embed(ColinPatches.blurred(b.get(0), 1.5), b.get(1))).fid();
            System.out.printf("2D FID real-real %.5f, real-noise %.5f, real-blur %.5f%n", realReal, realNoise, realBlur);
            assertThat(realNoise).isGreaterThan(20 * realReal);
            assertThat(realBlur).isGreaterThan(5 * realReal); // measured 0.087 vs 0.0105
            // image-only features (no label channel) see the blur too
            double[][] ia = net.embed(a.get(0), null), ib = net.embed(b.get(0), null);
            double[][] iblur = net.embed(ColinPatches.blurred(b.get(0), 1.5), null);
            assertThat(FrechetDistance.compute(ia, iblur).fid()).isGreaterThan(5 * FrechetDistance.compute(ia, ib).fid());
        }
    }

    /** Crop [x0, x0+nx) × [y0, y0+ny) × [z0, z0+nz) of a volume. */
    private static Volume crop(Volume v, int x0, int y0, int z0, int nx, int ny, int nz) {
        float[] out = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    out[x + nx * (y + ny * z)] = v.get(x0 + x, y0 + y, z0 + z);
                }
            }
        }
        return nz == 1 ? Volume.image2d(nx, ny, out) : new Volume(nx, ny, nz, out, v.affine());
    }

    private static void assertFeatures(double[] f, double[] first, double sum, double sumSq) {
        for (int i = 0; i < first.length; i++) {
            assertThat(f[i]).as("feature %d", i).isCloseTo(first[i], org.assertj.core.api.Assertions.within(2e-6));
        }
        double s = 0, s2 = 0;
        for (double v : f) {
            s += v;
            s2 += v * v;
        }
        assertThat(s).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(s2).isCloseTo(sumSq, org.assertj.core.api.Assertions.within(1e-4));
    }

    /**
     * The same weights in PyTorch 1.13 (F.conv3d/conv2d + ReLU + mean) on real Colin27 crops give
     * the same features: checks the file format, the voxel layout (x fastest → (z, y, x)) and the
     * forward pass. Values from {@code src/test/resources/reference/feature_network_reference.py}
     * (output in {@code feature_network_reference.txt}).
     */
    @Test
    void matchesPyTorch() throws Exception {
        Volume ch2 = org.segforge.core.io.ImageFiles.readVolume(org.segforge.core.SharedData.file("colin27/ch2.nii.gz"));
        Volume bet = org.segforge.core.io.ImageFiles.readVolume(org.segforge.core.SharedData.file("colin27/ch2bet.nii.gz"));
        try (FeatureNetwork net = FeatureNetwork.load(SHIPPED, 3)) {
            Volume img = org.segforge.core.image.Intensity.minMax(crop(ch2, 70, 90, 80, 32, 32, 16));
            double[] f = net.embed(List.of(img), List.of(crop(bet, 70, 90, 80, 32, 32, 16)))[0];
            assertFeatures(f, new double[] {0.09693371504545212, 0.18466584384441376, 0.19805645942687988, 0.09708222001791,
                0.14189378917217255, 0.15206918120384216}, 21.412927184603177, 4.73845276518771);
        }
        try (FeatureNetwork net = FeatureNetwork.load(SHIPPED, 2)) {
            Volume img = org.segforge.core.image.Intensity.minMax(crop(ch2, 60, 80, 90, 64, 64, 1));
            double[] f = net.embed(List.of(img), List.of(crop(bet, 60, 80, 90, 64, 64, 1)))[0];
            assertFeatures(f, new double[] {0.06880603730678558, 0.07018250972032547, 0.0808652862906456, 0.08497031033039093,
                0.0977783128619194, 0.08516522496938705}, 10.558458261482883, 1.1086592613444233);
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
