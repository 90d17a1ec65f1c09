package org.segforge.nn.dan;

import java.util.Locale;
import org.segforge.core.DataException;
import org.segforge.nn.seg.UNetConfig;
import org.segforge.nn.train.Json;

/**
 * Everything that defines a DAN run (M4, after Zhang et al., MICCAI 2017): the segmentation
 * network SN (a 2D multi-class U-Net), the evaluation network EN and what it sees, the three
 * phases' lengths, λ, learning rates, batch sizes and the seed. JSON round trip through
 * {@link #toJson()} / {@link #fromJson(String)}.
 *
 * <p>Steps 0 … pretrainSteps−1 pre-train SN on annotated pairs with cross-entropy; each of the
 * following adversarial steps does one EN update (SN fixed) then one SN update (EN fixed).
 *
 * @param sn              SN; must be 2D with one input channel and ≥ 2 classes
 * @param en              EN's shape
 * @param enInput         how EN sees (image, segmentation)
 * @param patchWidth      training crop width (x), a multiple of SN's size divisor and of 2^en.blocks
 * @param patchHeight     training crop height (y), likewise
 * @param pretrainSteps   SN-only cross-entropy steps (≥ 0)
 * @param adversarialSteps alternating EN/SN steps (≥ 0)
 * @param lambda          weight of the adversarial terms over the adversarial steps
 * @param snLr            SN's Adam learning rate
 * @param enLr            EN's Adam learning rate
 * @param labelledBatch   annotated pairs per step
 * @param unlabelledBatch unannotated images per step
 * @param seed            initial weights and every step's draws
 */
public record DanConfig(UNetConfig sn, EnConfig en, EnInput enInput, int patchWidth, int patchHeight,
                        int pretrainSteps, int adversarialSteps, LambdaSchedule lambda, double snLr, double enLr,
                        int labelledBatch, int unlabelledBatch, long seed) {
    public DanConfig {
        if (sn == null || en == null || enInput == null || lambda == null) {
            throw new IllegalArgumentException("sn, en, enInput and lambda must be given");
        }
        if (sn.dims() != 2 || sn.inChannels() != 1) {
            throw new IllegalArgumentException("DAN's SN is a 2D network over one-channel slices, got " + sn.dims() + "D with "
                    + sn.inChannels() + " channels");
        }
        int div = Math.max(sn.sizeDivisor(), 1 << en.blocks());
        if (patchWidth < div || patchHeight < div || patchWidth % sn.sizeDivisor() != 0 || patchHeight % sn.sizeDivisor() != 0) {
            throw new IllegalArgumentException("patch " + patchWidth + "×" + patchHeight + " must be multiples of " + sn.sizeDivisor()
                    + " and at least " + div);
        }
        if (pretrainSteps < 0 || adversarialSteps < 0 || pretrainSteps + adversarialSteps < 1) {
            throw new IllegalArgumentException("need pretrainSteps, adversarialSteps ≥ 0 and at least one step, got "
                    + pretrainSteps + ", " + adversarialSteps);
        }
        if (!(snLr > 0) || !(enLr > 0)) {
            throw new IllegalArgumentException("learning rates must be > 0, got " + snLr + ", " + enLr);
        }
        if (labelledBatch < 1 || unlabelledBatch < 1) {
            throw new IllegalArgumentException("batch sizes must be ≥ 1, got " + labelledBatch + ", " + unlabelledBatch);
        }
    }

    /**
     * Trains in minutes on 2 cores: SN = the M0 cpu U-Net at width 8 (depth 4), EN = 4 blocks of
     * 8…64 filters, 96×96 crops, 150 pre-training + 150 adversarial steps, λ a sigmoid ramp from
     * 0.01 to 0.1 over 100 steps, Adam 1e-3 (SN) and 1e-4 (EN), batches of 4 + 4.
     */
    public static DanConfig cpu(int classes) {
        return new DanConfig(UNetConfig.cpu(2, 1, classes).withWidth(8, 64), EnConfig.cpu(), EnInput.STACK, 96, 96,
                150, 150, LambdaSchedule.sigmoid(0.01, 0.1, 100), 1e-3, 1e-4, 4, 4, 0);
    }

    /**
     * Paper-sized: the M0 paper U-Net, EN of 5 blocks of 64…512 filters, 256×256 crops, 5 000
     * pre-training + 20 000 adversarial steps, λ a sigmoid ramp from 0.01 to 0.1 over 5 000 steps,
     * batches of 8 + 8.
     */
    public static DanConfig paper(int classes) {
        return new DanConfig(UNetConfig.paper(2, 1, classes), EnConfig.paper(), EnInput.STACK, 256, 256,
                5000, 20000, LambdaSchedule.sigmoid(0.01, 0.1, 5000), 1e-4, 1e-4, 8, 8, 0);
    }

    /** A named preset, "cpu" or "paper". */
    public static DanConfig preset(String name, int classes) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu" -> cpu(classes);
            case "paper" -> paper(classes);
            default -> throw new IllegalArgumentException("unknown DAN preset '" + name + "'; use cpu or paper");
        };
    }

    /** Total steps of the run. */
    public long steps() {
        return (long) pretrainSteps + adversarialSteps;
    }

    public int classes() {
        return sn.classes();
    }

    public DanConfig withEnInput(EnInput e) {
        return new DanConfig(sn, en, e, patchWidth, patchHeight, pretrainSteps, adversarialSteps, lambda, snLr, enLr,
                labelledBatch, unlabelledBatch, seed);
    }

    public DanConfig withSteps(int pretrain, int adversarial) {
        return new DanConfig(sn, en, enInput, patchWidth, patchHeight, pretrain, adversarial, lambda, snLr, enLr,
                labelledBatch, unlabelledBatch, seed);
    }

    public DanConfig withSeed(long s) {
        return new DanConfig(sn, en, enInput, patchWidth, patchHeight, pretrainSteps, adversarialSteps, lambda, snLr, enLr,
                labelledBatch, unlabelledBatch, s);
    }

    public DanConfig withPatch(int width, int height) {
        return new DanConfig(sn, en, enInput, width, height, pretrainSteps, adversarialSteps, lambda, snLr, enLr,
                labelledBatch, unlabelledBatch, seed);
    }

    public DanConfig withSn(UNetConfig s) {
        return new DanConfig(s, en, enInput, patchWidth, patchHeight, pretrainSteps, adversarialSteps, lambda, snLr, enLr,
                labelledBatch, unlabelledBatch, seed);
    }

    public DanConfig withLambda(LambdaSchedule l) {
        return new DanConfig(sn, en, enInput, patchWidth, patchHeight, pretrainSteps, adversarialSteps, l, snLr, enLr,
                labelledBatch, unlabelledBatch, seed);
    }

    public DanConfig withBatches(int labelled, int unlabelled) {
        return new DanConfig(sn, en, enInput, patchWidth, patchHeight, pretrainSteps, adversarialSteps, lambda, snLr, enLr,
                labelled, unlabelled, seed);
    }

    public String toJson() {
        return Json.write(this);
    }

    /** Parses {@link #toJson()}'s form; anything missing or invalid is a {@link DataException}. */
    public static DanConfig fromJson(String json) throws DataException {
        try {
            return Json.read(json, DanConfig.class);
        } catch (IllegalArgumentException e) {
            throw new DataException(null, "invalid DAN config: " + e.getMessage(), e);
        }
    }
}
