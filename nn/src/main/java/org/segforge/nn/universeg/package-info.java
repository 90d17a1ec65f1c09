/**
 * M5 — UniverSeg (Butoi et al., ICCV 2023): in-context segmentation of a new binary task from a
 * support set of labelled examples, without retraining.
 *
 * <ul>
 *   <li>Network: {@link org.segforge.nn.universeg.CrossConv} (computed split: the query term once,
 *       the support term batched over all entries), {@link org.segforge.nn.universeg.CrossBlock},
 *       {@link org.segforge.nn.universeg.UniverSeg} built from a
 *       {@link org.segforge.nn.universeg.UniverSegConfig} (presets {@code paper}, {@code cpu}).</li>
 *   <li>Training: episodes ({@link org.segforge.nn.universeg.EpisodeMaker}) from
 *       {@link org.segforge.nn.universeg.EpisodeTask}s — Colin27 slices
 *       ({@link org.segforge.nn.universeg.Colin27Tasks}) and synthetic shapes
 *       ({@link org.segforge.nn.universeg.SyntheticTask}) — with in-task and task augmentation
 *       ({@link org.segforge.nn.universeg.TaskAugmentation}); the loop is the shared engine's
 *       ({@link org.segforge.nn.universeg.UniverSegTraining}).</li>
 *   <li>Inference: {@link org.segforge.nn.universeg.UniverSegModel} (a model or checkpoint folder),
 *       {@link org.segforge.nn.universeg.Segmenter} (any image size, multi-label, ensembling, 3D from
 *       annotated slices).</li>
 *   <li>Evaluation on held-out tasks: {@link org.segforge.nn.universeg.EpisodeProtocol} (query and
 *       nested supports, optionally at least g slices apart), {@link org.segforge.nn.universeg.FewShotMethod}s
 *       ({@link org.segforge.nn.universeg.UniverSegMethod}, {@link org.segforge.nn.universeg.CopyMostSimilar},
 *       {@link org.segforge.nn.universeg.SupervisedUNet}) scored on one shared draw by
 *       {@link org.segforge.nn.universeg.HeldOutEvaluation}.</li>
 * </ul>
 */
package org.segforge.nn.universeg;
