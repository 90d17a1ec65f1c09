package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.privacy.DpAccounting;
import org.segforge.nn.privacy.DpConfig;
import org.segforge.nn.privacy.DpSgd;
import org.segforge.nn.privacy.DpStepResult;
import org.segforge.nn.privacy.PerSampleGradient;
import org.segforge.nn.privacy.PoissonSampling;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;

/**
 * The critic update of the DP variant: DP-SGD (nn/privacy) on the WGAN-GP critic loss. The private
 * data is a fixed set of N real pairs cut once from the training volume before training (the unit
 * of privacy is one such pair); every critic update Poisson-samples it with rate q = batch / N,
 * draws as many fakes, and hands DP-SGD the per-pair loss
 * D(fake_i) − D(real_i) + λ·(h_i − 1)², h_i the first-order penalty's central difference on
 * x̂_i = α_i·real_i + (1 − α_i)·fake_i. Each pair's gradient is clipped to C, Gaussian noise σC is
 * added and the critic's Adam steps. The generator sees the real data only through the critic, so
 * it inherits the critic's (ε, δ) by post-processing.
 *
 * <p>The real batch the step passes in is not used: it is not part of the accounted dataset. Metrics:
 * "loss" (mean per-pair loss, 0 for an empty batch), "wasserstein" (on the sampled pairs, without
 * gradient; 0 when empty), DP-SGD's "dpBatch", "dpGradNorm", "dpClipped", "dpUpdateNorm", and
 * "epsilon"/"delta" spent by the end of the step.
 */
public final class DpCriticUpdate implements CriticUpdate {
    private final WganConfig config;
    private final DpSgd dpSgd;
    private final DpAccounting accounting;
    private final HostArray privateData;
    private final int rowSize;

    /**
     * @param privateData the N private pairs (N, 2, [D,] H, W) in [−1, 1]; N must be the DP config's
     *                    dataset size
     */
    public DpCriticUpdate(WganConfig config, DpConfig dp, HostArray privateData) {
        if (config == null || dp == null || privateData == null) {
            throw new IllegalArgumentException("the DP critic update needs a WGAN config, a DP config and the private pairs");
        }
        if (privateData.shape()[0] != dp.datasetSize()) {
            throw new IllegalArgumentException(privateData.shape()[0] + " private pairs, the DP config says " + dp.datasetSize());
        }
        this.config = config;
        this.dpSgd = new DpSgd(dp);
        this.accounting = new DpAccounting(dp);
        this.privateData = privateData;
        this.rowSize = privateData.data().length / dp.datasetSize();
    }

    public DpConfig dpConfig() {
        return dpSgd.config();
    }

    @Override
    public Map<String, Double> update(StepContext ctx, int index, Player critic, Player generator, NDArray real, NDArray fake) {
        DpConfig dp = dpSgd.config();
        int[] picked = PoissonSampling.draw(ctx.random().split(), dp.datasetSize(), dp.samplingRate());
        int k = picked.length;
        NDManager m = ctx.manager();
        NDArray realK = m.create(rows(picked), sampleShape(k));
        NDArray fakeK = k == 0 ? m.zeros(sampleShape(0))
                : generator.forward(new NDList(WganStep.noise(m, ctx.random(), k, config.latent())), true).singletonOrThrow().stopGradient();
        NDArray alpha = GpCriticUpdate.uniform(m, ctx.random(), k);
        CriticFunction d = (x, training) -> critic.forward(new NDList(x), training).singletonOrThrow();
        Runnable clear = () -> {
            critic.zeroGradients();
            generator.zeroGradients();
        };
        // one pair's WGAN-GP loss, the same function as the non-private batch loss
        PerSampleGradient perPair = example -> GpCriticUpdate.backward(critic, example.get(0), example.get(1), example.get(2), config, clear)
                .loss().getFloat();
        clear.run();
        DpStepResult r = dpSgd.stepOnSampled(critic, ctx, new NDList(realK, fakeK, alpha), perPair);
        clear.run();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", k == 0 ? 0.0 : r.meanLoss());
        out.put("wasserstein", k == 0 ? 0.0 : wasserstein(d, realK, fakeK));
        out.putAll(r.metrics());
        // the privacy spent at the END of the step, in every update: WganStep averages the updates'
        // metrics, and the average of equal values is the step's true (ε, δ)
        out.putAll(accounting.metrics((ctx.step() + 1) * config.criticSteps()));
        return out;
    }

    private static double wasserstein(CriticFunction d, NDArray real, NDArray fake) {
        return d.scores(real, false).mean().sub(d.scores(fake, false).mean()).getFloat();
    }

    private float[] rows(int[] picked) {
        float[] out = new float[picked.length * rowSize];
        for (int i = 0; i < picked.length; i++) {
            System.arraycopy(privateData.data(), picked[i] * rowSize, out, i * rowSize, rowSize);
        }
        return out;
    }

    private Shape sampleShape(long n) {
        long[] s = config.sampleShape();
        long[] full = new long[s.length + 1];
        full[0] = n;
        System.arraycopy(s, 0, full, 1, s.length);
        return new Shape(full);
    }
}
