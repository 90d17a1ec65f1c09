package org.segforge.nn.dan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.segforge.nn.seg.SegLoss;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;
import org.segforge.nn.train.TrainStep;

/**
 * DAN's training step over two players, "sn" and "en" (METHODS.md M4):
 * <ol>
 * <li>steps &lt; pretrainSteps: SN on annotated pairs with multi-class cross-entropy;</li>
 * <li>then, every step, the EN update with SN fixed:
 *     λ·[BCE(EN(S(X), X), 1) + BCE(EN(S(U), U), 0)] — SN runs outside any gradient recording and
 *     its output is detached, so no SN gradient exists and SN is not updated;</li>
 * <li>followed by the SN update with EN fixed: CE(S(X), Y) + λ·BCE(EN(S(U), U), 1) — gradients
 *     flow through EN into SN, EN's gradients are discarded and EN is not updated.</li>
 * </ol>
 * The engine clears gradients only when asked (ARCHITECTURE.md), so both players' gradients are
 * zeroed before and after every update. Batch: "image" (B,1,H,W), "label" (B,1,H,W),
 * "unlabelled" (U,1,H,W) as {@link DanData} makes it.
 *
 * <p>Metrics: "loss" (SN's total loss), "ce", "adv" (BCE of EN on SN's unannotated output vs
 * "annotated"), "en" (EN's unweighted BCE), "enAcc" (share of the pairs EN classifies right),
 * "lambda", "phase" (0 pre-training, 1 adversarial).
 */
public final class DanStep implements TrainStep {
    public static final String SN = "sn";
    public static final String EN = "en";

    private final DanConfig config;

    public DanStep(DanConfig config) {
        this.config = config;
    }

    @Override
    public Map<String, Double> run(StepContext ctx, NDList batch) {
        Player sn = ctx.player(SN);
        Player en = ctx.player(EN);
        NDArray x = batch.get(0), y = batch.get(1), u = batch.get(2);
        if (ctx.step() < config.pretrainSteps()) {
            return pretrain(sn, en, ctx.step(), x, y);
        }
        double lambda = config.lambda().value(ctx.step() - config.pretrainSteps());
        Map<String, Double> m = new LinkedHashMap<>(evaluatorStep(sn, en, ctx.step(), lambda, x, u));
        m.putAll(segmenterStep(sn, en, ctx.step(), lambda, x, y, u));
        m.put("lambda", lambda);
        m.put("phase", 1.0);
        return m;
    }

    /** Phase 1: one SN update on CE of the annotated pairs. */
    public Map<String, Double> pretrain(Player sn, Player en, long step, NDArray x, NDArray y) {
        sn.zeroGradients();
        NDArray ce;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ce = SegLoss.crossEntropy(sn.forward(new NDList(x), true).singletonOrThrow(), y);
            gc.backward(ce);
        }
        sn.update(step);
        sn.zeroGradients();
        double v = ce.getFloat();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", v);
        m.put("ce", v);
        m.put("phase", 0.0);
        return m;
    }

    /** Phase 2: one EN update (annotated → 1, unannotated → 0) with SN fixed. */
    public Map<String, Double> evaluatorStep(Player sn, Player en, long step, double lambda, NDArray x, NDArray u) {
        // SN's outputs are plain inputs here: computed without recording and detached
        NDArray px = sn.forward(new NDList(x), false).singletonOrThrow().softmax(1).stopGradient();
        NDArray pu = sn.forward(new NDList(u), false).singletonOrThrow().softmax(1).stopGradient();
        sn.zeroGradients();
        en.zeroGradients();
        NDArray bce, zx, zu;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            zx = en.forward(new NDList(config.enInput().build(x, px)), true).singletonOrThrow();
            zu = en.forward(new NDList(config.enInput().build(u, pu)), true).singletonOrThrow();
            bce = bceWithLogits(zx, true).add(bceWithLogits(zu, false));
            gc.backward(bce.mul((float) lambda));
        }
        en.update(step);
        en.zeroGradients();
        sn.zeroGradients();
        long right = zx.gt(0).sum().getLong() + zu.lte(0).sum().getLong();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("en", (double) bce.getFloat());
        m.put("enAcc", right / (double) (zx.size() + zu.size()));
        return m;
    }

    /** Phase 3: one SN update on CE + λ·BCE(EN(S(U), U) → 1) with EN fixed. */
    public Map<String, Double> segmenterStep(Player sn, Player en, long step, double lambda, NDArray x, NDArray y, NDArray u) {
        sn.zeroGradients();
        en.zeroGradients();
        NDArray ce, adv, loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ce = SegLoss.crossEntropy(sn.forward(new NDList(x), true).singletonOrThrow(), y);
            NDArray pu = sn.forward(new NDList(u), true).singletonOrThrow().softmax(1);
            adv = bceWithLogits(en.forward(new NDList(config.enInput().build(u, pu)), false).singletonOrThrow(), true);
            loss = ce.add(adv.mul((float) lambda));
            gc.backward(loss);
        }
        sn.update(step);
        // EN received gradients through the backward pass; they must not reach its next update
        en.zeroGradients();
        sn.zeroGradients();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", (double) loss.getFloat());
        m.put("ce", (double) ce.getFloat());
        m.put("adv", (double) adv.getFloat());
        return m;
    }

    /** Mean binary cross-entropy of logits z against a constant target, computed stably. */
    static NDArray bceWithLogits(NDArray z, boolean target) {
        // BCE(z, 1) = softplus(−z), BCE(z, 0) = softplus(z); softplus(a) = max(a, 0) + log(1 + e^−|a|)
        NDArray a = target ? z.neg() : z;
        return a.maximum(0f).add(a.abs().neg().exp().add(1f).log()).mean();
    }
}
