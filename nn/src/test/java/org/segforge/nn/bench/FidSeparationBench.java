package org.segforge.nn.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.segforge.core.image.Volume;
import org.segforge.core.metric.generative.FidResult;
import org.segforge.core.metric.generative.FrechetDistance;
import org.segforge.core.metric.generative.PrdConfig;
import org.segforge.core.metric.generative.PrdResult;
import org.segforge.core.metric.generative.PrecisionRecallDistributions;
import org.segforge.nn.features.ColinPatches;
import org.segforge.nn.features.FeatureNetwork;

/**
 * Benchmark, not a test: how well the shipped feature network (models/fid-features-v1) tells real
 * Colin27 patches from bad ones, at a sample size the unit tests cannot afford. Two independent
 * draws of N real patches (2 mm, brain-centred, brain mask as label), uniform noise, and the second
 * draw blurred (σ = 1.5 voxels); FID and PRD (paper settings, seed 1) of each against draw A, and
 * the time of the features and of PRD.
 *
 * <p>Usage (from the repository root, after {@code ./mvnw -o -q -DskipTests package} and a test
 * compile): {@code java -cp cli/target/segforge.jar:nn/target/test-classes:core/target/test-classes
 * org.segforge.nn.bench.FidSeparationBench N DIMS} with DIMS 3 (32×32×16) or 2 (64×64).
 */
public final class FidSeparationBench {
    private FidSeparationBench() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int dims = Integer.parseInt(args[1]);
        int[] size = dims == 3 ? new int[] {32, 32, 16} : new int[] {64, 64};
        List<List<Volume>> a = ColinPatches.real(n, size, 1), b = ColinPatches.real(n, size, 2);
        List<List<Volume>> noise = ColinPatches.noise(b.get(0), 3);
        List<Volume> blur = ColinPatches.blurred(b.get(0), 1.5);
        try (FeatureNetwork net = FeatureNetwork.load(java.nio.file.Path.of("models", "fid-features-v1"), dims)) {
            long t0 = System.nanoTime();
            double[][] fa = net.embed(a.get(0), a.get(1));
            double featureSeconds = (System.nanoTime() - t0) * 1e-9;
            double[][][] others = {net.embed(b.get(0), b.get(1)), net.embed(noise.get(0), noise.get(1)), net.embed(blur, b.get(1))};
            String[] names = {"real draw B", "uniform noise", "draw B blurred s=1.5"};
            System.out.printf(Locale.ROOT, "%dD %s patches, N = %d per set, features %.2f s per %d patches%n", dims,
                    Arrays.toString(size), n, featureSeconds, n);
            System.out.println("| compared with real draw A | FID | F8 | F1/8 | PRD AUC |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (int i = 0; i < names.length; i++) {
                FidResult f = FrechetDistance.compute(fa, others[i]);
                long p0 = System.nanoTime();
                PrdResult p = PrecisionRecallDistributions.compute(fa, others[i], PrdConfig.paper(1));
                double prdSeconds = (System.nanoTime() - p0) * 1e-9;
                System.out.printf(Locale.ROOT, "| %s | %.4f | %.3f | %.3f | %.3f |   (PRD %.1f s)%n", names[i], f.fid(), p.f8(), p.f1over8(),
                        p.auc(), prdSeconds);
            }
        }
    }
}
