package org.segforge.nn.dan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.SharedData;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.seg.IntensityNormalisation;
import org.segforge.nn.seg.UNetConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.TrainingResult;

/** The three phases of DAN touch only the player they should, and train. */
class DanStepTest {
    static {
        // one intra-op thread: deterministic and not slowed by a busy shared machine (see TinyTask)
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    @TempDir
    Path tmp;

    static DanConfig tiny(EnInput input) {
        return DanConfig.cpu(3).withSn(UNetConfig.cpu(2, 1, 3).withWidth(4, 16).withDepth(2)).withEnInput(input)
                .withPatch(16, 16).withSteps(2, 2).withBatches(2, 2).withSeed(5);
    }

    private static float[] values(Player p) {
        List<Float> all = new ArrayList<>();
        for (Pair<String, Parameter> e : p.block().getParameters()) {
            for (float v : e.getValue().getArray().toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    private static double gradientSum(Player p) {
        double s = 0;
        for (Pair<String, Parameter> e : p.block().getParameters()) {
            s += e.getValue().getArray().getGradient().abs().sum().getFloat();
        }
        return s;
    }

    private static NDArray random(NDManager m, SplittableRandom r, int n, int c, float scale) {
        float[] v = new float[n * c * 16 * 16];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale == 0 ? r.nextInt(3) : (float) r.nextDouble() * scale;
        }
        return m.create(v, new Shape(n, c, 16, 16));
    }

    @Test
    void enPhaseLeavesSnUnchangedAndSnPhaseLeavesEnUnchanged() {
        for (EnInput input : EnInput.values()) {
            DanConfig cfg = tiny(input);
            try (NDManager m = NDManager.newBaseManager(); DanTrainer t = new DanTrainer(cfg, m)) {
                SplittableRandom r = new SplittableRandom(1);
                NDArray x = random(m, r, 2, 1, 1), y = random(m, r, 2, 1, 0), u = random(m, r, 2, 1, 1);
                DanStep step = new DanStep(cfg);
                float[] sn0 = values(t.snPlayer()), en0 = values(t.enPlayer());
                Map<String, Double> e = step.evaluatorStep(t.snPlayer(), t.enPlayer(), 0, 0.5, x, u);
                assertThat(values(t.snPlayer())).as("SN after an EN phase (%s)", input).containsExactly(sn0);
                float[] en1 = values(t.enPlayer());
                assertThat(en1).as("EN after its own phase").isNotEqualTo(en0);
                assertThat(gradientSum(t.snPlayer())).isZero();
                assertThat(gradientSum(t.enPlayer())).isZero();
                assertThat(e.get("en")).isPositive();

                Map<String, Double> s = step.segmenterStep(t.snPlayer(), t.enPlayer(), 1, 0.5, x, y, u);
                assertThat(values(t.enPlayer())).as("EN after an SN phase (%s)", input).containsExactly(en1);
                assertThat(values(t.snPlayer())).as("SN after its own phase").isNotEqualTo(sn0);
                assertThat(gradientSum(t.snPlayer())).isZero();
                assertThat(gradientSum(t.enPlayer())).isZero();
                assertThat(s.get("loss")).isCloseTo(s.get("ce") + 0.5 * s.get("adv"), within(1e-5));

                float[] en2 = values(t.enPlayer());
                step.pretrain(t.snPlayer(), t.enPlayer(), 2, x, y);
                assertThat(values(t.enPlayer())).as("EN during SN pre-training").containsExactly(en2);
            }
        }
    }

    @Test
    void enInputShapesAndProductValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray img = m.create(new float[] {0.25f, 1f}, new Shape(1, 1, 1, 2));
            NDArray p = m.create(new float[] {0.5f, 0.1f, 0.5f, 0.9f}, new Shape(1, 2, 1, 2));
            NDArray stack = EnInput.STACK.build(img, p);
            assertThat(stack.getShape()).isEqualTo(new Shape(1, 3, 1, 2));
            assertThat(stack.toFloatArray()).containsExactly(0.25f, 1f, 0.5f, 0.1f, 0.5f, 0.9f);
            NDArray prod = EnInput.PRODUCT.build(img, p);
            assertThat(prod.getShape()).isEqualTo(new Shape(1, 4, 1, 2));
            // [I·P0, (1−I)·P0, I·P1, (1−I)·P1]
            assertThat(prod.toFloatArray()).usingComparatorWithPrecision(1e-6f)
                    .containsExactly(0.125f, 0.1f, 0.375f, 0f, 0.125f, 0.9f, 0.375f, 0f);
            EvaluationNetwork en = new EvaluationNetwork(EnConfig.cpu(), EnInput.PRODUCT.channels(3));
            en.initialize(m, 3);
            assertThat(en.getOutputShapes(new Shape[] {new Shape(5, 6, 64, 48)})[0]).isEqualTo(new Shape(5, 1));
        }
    }

    @Test
    void bceWithLogitsMatchesTheDefinition() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(new float[] {-30f, -1f, 0f, 2f, 40f});
            double one = 0, zero = 0;
            for (float v : z.toFloatArray()) {
                one += Math.log1p(Math.exp(-v));
                zero += Math.log1p(Math.exp(v));
            }
            assertThat((double) DanStep.bceWithLogits(z, true).getFloat()).isCloseTo(one / 5, within(1e-5));
            assertThat((double) DanStep.bceWithLogits(z, false).getFloat()).isCloseTo(zero / 5, within(1e-5));
        }
    }

    /**
     * A short run on real images through the shared training loop: the BrainWeb T1 slice with its
     * 4-class tissue map (argmax of ITK's memberships) annotated, the proton-density slice of the
     * same phantom unannotated. SN's cross-entropy falls during pre-training and EN's loss falls in
     * the adversarial phase (the two contrasts are easy to tell apart).
     */
    @Test
    void aShortRunOnRealSlicesLowersTheLosses() throws Exception {
        Volume t1 = ImageFiles.readVolume(SharedData.file("brainweb-2d/BrainT1Slice.png"));
        Volume pd = ImageFiles.readVolume(SharedData.file("brainweb-2d/BrainProtonDensitySlice.png"));
        Volume mem = ImageFiles.readVolume(SharedData.file("brainweb-2d/BayesianClassifierInitializerMemberships.mhd"));
        int w = t1.nx(), h = t1.ny();
        float[] lab = new float[w * h];
        for (int i = 0; i < lab.length; i++) {
            int best = 0;
            for (int k = 1; k < 4; k++) {
                if (mem.data()[i + k * w * h] > mem.data()[i + best * w * h]) {
                    best = k;
                }
            }
            lab[i] = best;
        }
        DanData data = new DanData(
                List.of(new Slice2d("t1", w, h, IntensityNormalisation.MIN_MAX.apply(t1.data()), lab)),
                List.of(new Slice2d("pd", w, h, IntensityNormalisation.MIN_MAX.apply(pd.data()), null)), 4);
        DanConfig cfg = new DanConfig(UNetConfig.cpu(2, 1, 4).withWidth(8, 32).withDepth(3), new EnConfig(8, 3, 32, 0.2),
                EnInput.STACK, 32, 32, 25, 20, LambdaSchedule.linear(0.05, 0.2, 10), 3e-3, 1e-3, 2, 2, 11);
        TrainingResult r;
        try (NDManager m = NDManager.newBaseManager(); DanTrainer t = new DanTrainer(cfg, m)) {
            r = t.loop(data, tmp.resolve("run").toString(), "brainweb-t1-pd", 0, List.of()).run();
        }
        assertThat(r.steps()).hasSize(45);
        double ceFirst = mean(r, "ce", 0, 5), ceLast = mean(r, "ce", 20, 25);
        assertThat(ceLast).as("CE %s → %s", ceFirst, ceLast).isLessThan(0.85 * ceFirst);
        double enFirst = mean(r, "en", 25, 30), enLast = mean(r, "en", 40, 45);
        assertThat(enLast).as("EN loss %s → %s", enFirst, enLast).isLessThan(enFirst);
        assertThat(r.steps().get(44).metrics()).containsKeys("loss", "ce", "adv", "en", "enAcc", "lambda");
        assertThat(r.steps().get(44).metrics().get("lambda")).isCloseTo(0.2, within(1e-9));
        assertThat(tmp.resolve("run/checkpoints")).isDirectory();
    }

    private static double mean(TrainingResult r, String key, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += r.steps().get(i).metrics().get(key);
        }
        return s / (to - from);
    }
}
