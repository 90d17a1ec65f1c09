/**
 * M4 — DAN: adversarial learning from unannotated images (after Zhang et al., MICCAI 2017).
 *
 * <ul>
 * <li>{@link org.segforge.nn.dan.DanConfig} — SN ({@link org.segforge.nn.seg.UNetConfig}, 2D),
 *     EN ({@link org.segforge.nn.dan.EnConfig}), EN input
 *     ({@link org.segforge.nn.dan.EnInput}: stack [I, P] or per-class products [I·P, (1−I)·P]),
 *     steps, {@link org.segforge.nn.dan.LambdaSchedule λ schedule}, learning rates, batch sizes
 *     and seed; presets cpu / paper; JSON round trip.</li>
 * <li>{@link org.segforge.nn.dan.EvaluationNetwork} — strided conv + LeakyReLU blocks, global
 *     average pooling, one linear logit.</li>
 * <li>{@link org.segforge.nn.dan.DanStep} — the three phases as one
 *     {@link org.segforge.nn.train.TrainStep} over the players "sn" and "en";
 *     {@link org.segforge.nn.dan.DanTrainer} builds them and the shared training loop
 *     (logs, checkpoints, resume).</li>
 * <li>{@link org.segforge.nn.dan.DanData} — annotated and unannotated
 *     {@link org.segforge.nn.dan.Slice2d slices} and their seeded batches;
 *     {@link org.segforge.nn.dan.PartialAnnotation} — the partial-annotation mode of one volume;
 *     {@link org.segforge.nn.dan.SliceExperiment} — SN alone vs DAN at k annotated slices.</li>
 * </ul>
 */
package org.segforge.nn.dan;
