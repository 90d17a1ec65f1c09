package org.segforge.nn.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Schedule;
import org.segforge.nn.train.StepContext;

/**
 * DP-SGD on a tiny two-layer network against gradients recomputed the ordinary way: exactness
 * without noise and clipping, exact clipping, the noise's scale, the sampling rate, determinism and
 * empty batches.
 */
@ExtendWith(OneTorchThread.class)
class DpSgdTest {
    static final int FEATURES = 5;

    /** Linear(8) → LeakyReLU → Linear(1): per-example outputs never mix examples. */
    static Player player(NDManager m, int inputs, int hidden, int seed, OptimizerConfig opt) {
        Block b = new SequentialBlock()
            .add(Linear.builder().setUnits(hidden).build())
            .add(x -> new NDList(Activation.leakyRelu(x.singletonOrThrow(), 0.2f)))
            .add(Linear.builder().setUnits(1).build());
        Engine.getInstance().setRandomSeed(seed);
        b.initialize(m, DataType.FLOAT32, new Shape(1, inputs));
        return new Player("critic", b, opt, m);
    }

    static Player player(NDManager m, int seed) {
        return player(m, FEATURES, 8, seed, OptimizerConfig.sgd(Schedule.constant(0.1), 0, false, 0));
    }

    /** x ~ U(−1, 1) (n × 5), y ~ U(−1, 1) (n × 1). */
    static NDList data(NDManager m, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * FEATURES];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextDouble(-1, 1);
        }
        return new NDList(m.create(x, new Shape(n, FEATURES)), m.create(y, new Shape(n, 1)));
    }

    /** Squared error of the examples given, summed: one example's loss for DP-SGD, or a batch's. */
    static NDArray loss(Player p, NDList examples) {
        NDArray out = p.forward(new NDList(examples.get(0)), true).singletonOrThrow();
        return out.sub(examples.get(1)).square().sum();
    }

    static float[] gradients(Player p) {
        float[][] parts = p.block().getParameters().stream().filter(e -> e.getValue().requiresGradient())
            .map(e -> e.getValue().getArray().getGradient().toFloatArray()).toArray(float[][]::new);
        return concat(parts);
    }

    static float[] parameters(Player p) {
        float[][] parts = p.block().getParameters().stream()
            .map(e -> e.getValue().getArray().toFloatArray()).toArray(float[][]::new);
        return concat(parts);
    }

    static float[] concat(float[][] parts) {
        int n = Arrays.stream(parts).mapToInt(a -> a.length).sum();
        float[] all = new float[n];
        int k = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, all, k, a.length);
            k += a.length;
        }
        return all;
    }

    /** The ordinary gradient of the summed loss over {@code rows}, one batched backward pass. */
    static float[] batchGradient(NDManager m, Player p, NDList data, int[] rows) {
        NDArray idx = m.create(rows);
        NDList picked = new NDList(data.get(0).get(idx), data.get(1).get(idx));
        p.zeroGradients();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(loss(p, picked));
        }
        float[] g = gradients(p);
        p.zeroGradients();
        return g;
    }

    static void assertClose(float[] actual, float[] expected, double rel) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("coordinate %d", i).isCloseTo(expected[i], within(rel * scale + 1e-9));
        }
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static final PerSampleGradient noGradient = e -> 0;

    @Test
    void withoutNoiseAndWithHugeClipNormItIsTheBatchGradientOverTheExpectedBatch() {
        try (NDManager m = NDManager.newBaseManager(); Player p = player(m, 11)) {
            NDList data = data(m, 10, 3);
            int[] rows = {0, 2, 5, 9};
            DpConfig cfg = DpConfig.of(1e6, 0, 4, 10, 1e-5); // q·N = 4
            DpStepResult r = new DpSgd(cfg).privateGradient(p, data, rows, PerSampleGradient.ofLoss(e -> loss(p, e)),
                new SplittableRandom(1));
            float[] dp = gradients(p);
            float[] expected = batchGradient(m, p, data, rows);
            for (int i = 0; i < expected.length; i++) {
                expected[i] /= 4;
            }
            assertClose(dp, expected, 1e-6);
            assertThat(r.batchSize()).isEqualTo(4);
            assertThat(r.clippedFraction()).isZero();
            assertThat(r.updateNorm()).isCloseTo(norm(expected), within(1e-5 * norm(expected)));
        }
    }

    @Test
    void everyExampleIsClippedToTheNormAndNothingElseChanges() {
        try (NDManager m = NDManager.newBaseManager(); Player p = player(m, 12)) {
            NDList data = data(m, 8, 4);
            int[] rows = {1, 3, 4, 6, 7};
            // recompute every example's gradient on its own, clip by hand, sum
            float[][] each = new float[rows.length][];
            double[] norms = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                each[k] = batchGradient(m, p, data, new int[] {rows[k]});
                norms[k] = norm(each[k]);
            }
            double clip = 0.5 * Arrays.stream(norms).min().orElseThrow(); // every example gets clipped
            float[] expected = new float[each[0].length];
            for (int k = 0; k < rows.length; k++) {
                double f = Math.min(1, clip / (norms[k] + DpSgd.NORM_GUARD));
                for (int i = 0; i < expected.length; i++) {
                    expected[i] += (float) (each[k][i] * f);
                }
            }
            DpConfig cfg = new DpConfig(clip, 0, 0.25, 8, 1e-5, 0); // q·N = 2
            for (int i = 0; i < expected.length; i++) {
                expected[i] /= 2;
            }
            DpStepResult r = new DpSgd(cfg).privateGradient(p, data, rows, PerSampleGradient.ofLoss(e -> loss(p, e)),
                new SplittableRandom(1));
            assertClose(gradients(p), expected, 1e-5);
            assertThat(r.clippedFraction()).isEqualTo(1.0);
            for (int k = 0; k < rows.length; k++) {
                assertThat(r.perSampleNorms()[k]).isCloseTo(norms[k], within(1e-5 * norms[k]));
            }
            // one example alone: its contribution, times q·N, has norm C (clipped) and never more
            p.zeroGradients();
            new DpSgd(cfg).privateGradient(p, data, new int[] {rows[0]}, PerSampleGradient.ofLoss(e -> loss(p, e)),
                new SplittableRandom(1));
            assertThat(norm(gradients(p)) * 2).isLessThanOrEqualTo(clip * (1 + 1e-6)).isCloseTo(clip, within(1e-5 * clip));
        }
    }

    @Test
    void noiseHasStandardDeviationSigmaTimesClipNormPerCoordinate() {
        try (NDManager m = NDManager.newBaseManager();
             Player p = player(m, 100, 1000, 1, OptimizerConfig.sgd(Schedule.constant(0.1), 0, false, 0))) {
            DpConfig cfg = DpConfig.of(0.5, 2.0, 4, 40, 1e-5); // σC = 1, q·N = 4
            DpStepResult r = new DpSgd(cfg).privateGradient(p, new NDList(m.zeros(new Shape(40, 100))), new int[0],
                noGradient, new SplittableRandom(7));
            float[] g = gradients(p);
            assertThat(g.length).isEqualTo(100 * 1000 + 1000 + 1000 + 1); // the largest array spans two noise chunks
            double mean = 0, sq = 0;
            for (float v : g) {
                mean += v * 4.0;
            }
            mean /= g.length;
            for (float v : g) {
                sq += (v * 4.0 - mean) * (v * 4.0 - mean);
            }
            double std = Math.sqrt(sq / (g.length - 1));
            // 102 001 draws: one standard error of the sample std is 0.22 %; allow 1 % (4.5 s.e.)
            assertThat(std).isCloseTo(1.0, within(0.01));
            assertThat(mean).isCloseTo(0, within(0.0125)); // 4 standard errors of the mean
            // and no two chunks repeat each other's stream
            assertThat(Arrays.mismatch(Arrays.copyOfRange(g, 0, 1000), Arrays.copyOfRange(g, DpSgd.NOISE_CHUNK, DpSgd.NOISE_CHUNK + 1000)))
                .isZero();
            assertThat(r.noiseStd()).isEqualTo(1.0);
            assertThat(r.batchSize()).isZero();
            assertThat(r.meanLoss()).isNaN();
        }
    }

    @Test
    void poissonSamplingIncludesEachExampleWithProbabilityQ() {
        SplittableRandom r = new SplittableRandom(42);
        int n = 200_000;
        int[] picked = PoissonSampling.draw(r, n, 0.1);
        // Binomial(200 000, 0.1): mean 20 000, sd 134; allow 4 sd
        assertThat((double) picked.length).isCloseTo(20_000, within(4 * 134.2));
        for (int i = 1; i < picked.length; i++) {
            assertThat(picked[i]).isGreaterThan(picked[i - 1]);
        }
        // even and odd examples equally often: inclusion does not depend on the index
        long even = Arrays.stream(picked).filter(i -> i % 2 == 0).count();
        assertThat((double) even / picked.length).isCloseTo(0.5, within(4 * 0.5 / Math.sqrt(picked.length)));
        assertThat(PoissonSampling.draw(new SplittableRandom(5), 1000, 0.3))
            .isEqualTo(PoissonSampling.draw(new SplittableRandom(5), 1000, 0.3))
            .isNotEqualTo(PoissonSampling.draw(new SplittableRandom(6), 1000, 0.3));
        assertThat(PoissonSampling.draw(r, 100, 0)).isEmpty();
        assertThat(PoissonSampling.draw(r, 100, 1)).hasSize(100);
    }

    @Test
    void stepsSampleAtRateQFromTheWholeDataset() {
        try (NDManager m = NDManager.newBaseManager(); Player p = player(m, 13)) {
            NDList data = data(m, 16, 5);
            DpSgd dp = new DpSgd(new DpConfig(1.0, 1.0, 0.25, 16, 1e-5, 0));
            int total = 0, empty = 0;
            int steps = 150;
            for (int s = 0; s < steps; s++) {
                try (NDManager scope = m.newSubManager()) {
                    StepContext ctx = new StepContext(s, scope, new SplittableRandom(1000 + s), List.of(p));
                    DpStepResult r = dp.step(p, ctx, data, PerSampleGradient.ofLoss(e -> loss(p, e)));
                    total += r.batchSize();
                    empty += r.batchSize() == 0 ? 1 : 0;
                }
            }
            // mean batch q·N = 4, sd of the mean over 150 steps √(16·0.25·0.75/150) = 0.14
            assertThat(total / (double) steps).isCloseTo(4, within(4 * 0.1414));
            // P(empty) = 0.75^16 = 1 %: a handful of the 150 steps, and they ran (noise-only updates)
            assertThat(empty).isBetween(0, 8);
            assertThat(parameters(p)).doesNotContain(Float.NaN);
        }
    }

    @Test
    void sameSeedSameUpdateOtherSeedOtherUpdate() {
        float[][] runs = new float[3][];
        long[] seeds = {9, 9, 10};
        for (int k = 0; k < 3; k++) {
            try (NDManager m = NDManager.newBaseManager(); Player p = player(m, 14)) {
                NDList data = data(m, 12, 6);
                DpSgd dp = new DpSgd(new DpConfig(0.3, 1.1, 0.3, 12, 1e-5, 0));
                for (int s = 0; s < 3; s++) {
                    try (NDManager scope = m.newSubManager()) {
                        StepContext ctx = new StepContext(s, scope, new SplittableRandom(seeds[k] * 100 + s), List.of(p));
                        dp.step(p, ctx, data, PerSampleGradient.ofLoss(e -> loss(p, e)));
                    }
                }
                runs[k] = parameters(p);
            }
        }
        assertThat(Arrays.equals(runs[0], runs[1])).isTrue();
        assertThat(Arrays.mismatch(runs[0], runs[2])).isNotNegative();
    }

    @Test
    void anEmptyBatchUpdatesWithNoiseOnly() {
        try (NDManager m = NDManager.newBaseManager(); Player p = player(m, 15)) {
            float[] before = parameters(p);
            NDList empty = new NDList(m.zeros(new Shape(0, FEATURES)), m.zeros(new Shape(0, 1)));
            PerSampleGradient never = e -> {
                throw new AssertionError("no example to differentiate");
            };
            try (NDManager scope = m.newSubManager()) {
                StepContext ctx = new StepContext(0, scope, new SplittableRandom(3), List.of(p));
                DpStepResult r = new DpSgd(new DpConfig(1, 0, 0.5, 4, 1e-5, 0)).stepOnSampled(p, ctx, empty, never);
                assertThat(r.batchSize()).isZero();
                assertThat(r.updateNorm()).isZero();
            }
            assertThat(parameters(p)).isEqualTo(before); // σ = 0: a zero gradient, plain SGD does not move
            try (NDManager scope = m.newSubManager()) {
                StepContext ctx = new StepContext(1, scope, new SplittableRandom(3), List.of(p));
                DpStepResult r = new DpSgd(new DpConfig(1, 1, 0.5, 4, 1e-5, 0)).stepOnSampled(p, ctx, empty, never);
                assertThat(r.updateNorm()).isPositive();
            }
            assertThat(Arrays.mismatch(parameters(p), before)).isNotNegative();
            for (float g : gradients(p)) {
                assertThat(g == 0f).isTrue(); // zeroed after the update (±0: zeroing multiplies by 0)
            }
        }
    }

    /** D(x) of the test critic, (N, 1). */
    static NDArray critic(Player p, NDArray x, boolean training) {
        return p.forward(new NDList(x), training).singletonOrThrow();
    }

    /** x̂ = α·real + (1 − α)·fake per row, detached. */
    static NDArray interpolate(NDArray real, NDArray fake, NDArray alpha) {
        return real.mul(alpha).add(fake.mul(alpha.neg().add(1f))).stopGradient();
    }

    /** ∇ₓD(x̂) per row, normalised, detached — by an ordinary backward that also fills θ-gradients. */
    static NDArray direction(Player p, NDArray xhat) {
        NDArray x = xhat.duplicate();
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(critic(p, x, false).sum());
        }
        NDArray g = x.getGradient().stopGradient();
        return g.div(g.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f)).stopGradient();
    }

    /** Σ over rows of the WGAN-GP critic loss D(fake) − D(real) + λ(h − 1)², h the first-order ‖∇ₓD(x̂)‖. */
    static NDArray wganGpLoss(Player p, NDArray real, NDArray fake, NDArray xhat, NDArray unit, float lambda, float eps) {
        NDArray h = critic(p, xhat.add(unit.mul(eps)), false).sub(critic(p, xhat.sub(unit.mul(eps)), false)).div(2 * eps);
        NDArray w = critic(p, fake, true).sub(critic(p, real, true));
        return w.add(h.sub(1f).square().mul(lambda)).sum();
    }

    /**
     * The WGAN-GP critic term per example, the way the DP critic update runs it: an auxiliary
     * backward for the penalty's direction (which leaves θ-gradients behind), zero, then the
     * example's loss. DP-SGD must see only the final backward: with σ = 0 and no clipping the result
     * equals the batched gradient of the same loss summed over the batch, divided by q·N.
     */
    @Test
    void perExampleWganGpTermWithAnAuxiliaryBackwardPass() {
        float lambda = 10f, eps = 1e-2f;
        try (NDManager m = NDManager.newBaseManager(); Player p = player(m, 17)) {
            NDList reals = data(m, 6, 8);
            NDList fakes = data(m, 6, 9);
            NDArray alpha = m.create(new float[] {0.1f, 0.5f, 0.9f, 0.3f, 0.7f, 0.2f}, new Shape(6, 1));
            NDList examples = new NDList(reals.get(0), fakes.get(0), alpha);
            PerSampleGradient perExample = ex -> {
                NDArray xhat = interpolate(ex.get(0), ex.get(1), ex.get(2));
                NDArray unit = direction(p, xhat);
                p.zeroGradients(); // the auxiliary pass's θ-gradients must not count
                NDArray loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    loss = wganGpLoss(p, ex.get(0), ex.get(1), xhat, unit, lambda, eps);
                    gc.backward(loss);
                }
                return loss.getFloat();
            };
            int[] rows = {0, 1, 2, 3, 4, 5};
            DpStepResult r = new DpSgd(new DpConfig(1e6, 0, 0.5, 6, 1e-5, 0)) // q·N = 3
                .privateGradient(p, examples, rows, perExample, new SplittableRandom(1));
            float[] dp = gradients(p);
            // batched reference: the directions of all rows in one pass (rows do not mix), then one loss
            p.zeroGradients();
            NDArray xhat = interpolate(reals.get(0), fakes.get(0), alpha);
            NDArray unit = direction(p, xhat);
            p.zeroGradients();
            NDArray total;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                total = wganGpLoss(p, reals.get(0), fakes.get(0), xhat, unit, lambda, eps);
                gc.backward(total);
            }
            float[] expected = gradients(p);
            for (int i = 0; i < expected.length; i++) {
                expected[i] /= 3;
            }
            // the central difference divides float32 rounding by 2ε: compare to 1e-4 of the largest
            assertClose(dp, expected, 1e-4);
            assertThat(r.meanLoss() * 6).isCloseTo(total.getFloat(), within(1e-4 * Math.abs(total.getFloat())));
        }
    }

    @Test
    void rejectsMismatchedData() {
        try (NDManager m = NDManager.newBaseManager(); Player p = player(m, 16)) {
            DpSgd dp = new DpSgd(new DpConfig(1, 1, 0.5, 10, 1e-5, 0));
            NDList data = data(m, 8, 1);
            try (NDManager scope = m.newSubManager()) {
                StepContext ctx = new StepContext(0, scope, new SplittableRandom(3), List.of(p));
                assertThatThrownBy(() -> dp.step(p, ctx, data, noGradient))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 examples");
            }
            NDList ragged = new NDList(m.zeros(new Shape(8, 5)), m.zeros(new Shape(7, 1)));
            assertThatThrownBy(() -> dp.privateGradient(p, ragged, new int[] {0}, noGradient, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disagree");
            assertThatThrownBy(() -> dp.privateGradient(p, data, new int[] {8}, noGradient, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        }
    }
}
