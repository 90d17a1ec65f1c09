package org.segforge.nn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * nnU-Net's segmentation loss: cross-entropy on the logits plus soft Dice on their softmax.
 *
 * <p>Soft Dice is nnU-Net v2's {@code MemoryEfficientSoftDiceLoss} with batch Dice, no background
 * and smooth 1e-5: per foreground class k, over the whole batch,
 * dice_k = (2·Σ p_k·y_k + smooth) / max(Σ p_k + Σ y_k + smooth, 1e-8), averaged over k. The loss is
 * CE + (1 − dice): nnU-Net reports CE − dice; adding 1 only shifts it so that it is ≥ 0 (a perfect
 * prediction gives 0) and leaves the gradients unchanged.
 *
 * <p>Shapes: logits (N, C, spatial…), target (N, spatial…) or (N, 1, spatial…) holding class indices
 * 0..C−1 in any numeric type.
 */
public final class SegLoss extends Loss {
    /** nnU-Net's smoothing term. */
    public static final float SMOOTH = 1e-5f;

    public SegLoss() {
        super("DiceCE");
    }

    /** DJL's form: labels = (target), predictions = (logits). */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return loss(predictions.singletonOrThrow(), labels.singletonOrThrow());
    }

    /** CE + 1 − softDice, a scalar. */
    public static NDArray loss(NDArray logits, NDArray target) {
        Prepared p = prepare(logits, target);
        return crossEntropy(p).add(1f).sub(softDice(p));
    }

    /** Mean cross-entropy over all voxels, a scalar. */
    public static NDArray crossEntropy(NDArray logits, NDArray target) {
        return crossEntropy(prepare(logits, target));
    }

    /** Batch soft Dice over the foreground classes (the similarity, not the loss), a scalar. */
    public static NDArray softDice(NDArray logits, NDArray target) {
        return softDice(prepare(logits, target));
    }

    /** Logits flattened to (N, C, S) and the target one-hot as (N, C, S) float. */
    private record Prepared(NDArray logits, NDArray oneHot) {}

    private static Prepared prepare(NDArray logits, NDArray target) {
        Shape ls = logits.getShape();
        if (ls.dimension() < 3) {
            throw new IllegalArgumentException("logits need (N, C, spatial…), got " + ls);
        }
        long n = ls.get(0), c = ls.get(1);
        long spatial = ls.size() / (n * c);
        Shape ts = target.getShape();
        if (ts.size() != n * spatial || ts.get(0) != n) {
            throw new IllegalArgumentException("target " + ts + " does not match logits " + ls);
        }
        NDArray t = target.toType(DataType.FLOAT32, false).reshape(n, 1, spatial);
        float max = t.max().getFloat(), min = t.min().getFloat();
        if (min < 0 || max > c - 1) {
            throw new IllegalArgumentException("target classes must be in 0.." + (c - 1) + ", found " + min + ".." + max);
        }
        NDArray classes = t.getManager().arange(0f, (float) c).reshape(1, c, 1);
        NDArray oneHot = t.eq(classes).toType(DataType.FLOAT32, false);
        return new Prepared(logits.reshape(n, c, spatial), oneHot);
    }

    private static NDArray crossEntropy(Prepared p) {
        NDArray logp = p.logits().logSoftmax(1);
        Shape s = p.logits().getShape();
        return logp.mul(p.oneHot()).sum().neg().div(s.get(0) * s.get(2));
    }

    private static NDArray softDice(Prepared p) {
        long c = p.logits().getShape().get(1);
        NDArray prob = p.logits().softmax(1);
        NDArray intersect = prob.mul(p.oneHot()).sum(new int[] {0, 2});
        NDArray sumPred = prob.sum(new int[] {0, 2});
        NDArray sumGt = p.oneHot().sum(new int[] {0, 2});
        NDArray dice = intersect.mul(2f).add(SMOOTH).div(sumPred.add(sumGt).add(SMOOTH).maximum(1e-8f));
        return dice.get("1:").sum().div(c - 1);
    }
}
