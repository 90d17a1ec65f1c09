/**
 * M1: a WGAN that synthesises image patches together with their labels (METHODS.md M1, after
 * Subramaniam et al., Medical Image Analysis 2022), 2D or 3D by the config.
 *
 * <ul>
 * <li>{@link org.segforge.nn.wgan.WganConfig} — presets paper / cpu / cpu2d, JSON round trip;
 *     {@link org.segforge.nn.wgan.CriticVariant} gp | sn | sn-mp | c-sn-mp | dp.</li>
 * <li>{@link org.segforge.nn.wgan.Generator}, {@link org.segforge.nn.wgan.Critic} (with
 *     {@link org.segforge.nn.wgan.SpectralNorm}); {@link org.segforge.nn.wgan.Precision} decides the
 *     critic's arithmetic (float32 on CPU: mixed precision is unavailable there).</li>
 * <li>{@link org.segforge.nn.wgan.GradientPenalty} — the first-order route that trains (flat
 *     memory) and the exact double backward kept as the tests' reference (it leaks).</li>
 * <li>{@link org.segforge.nn.wgan.WganStep} over the players "critic" and "generator", with the
 *     {@link org.segforge.nn.wgan.CriticUpdate} hook ({@link org.segforge.nn.wgan.GpCriticUpdate} by
 *     default, DP-SGD for the DP variant).</li>
 * <li>{@link org.segforge.nn.wgan.PatchPairs} — real pairs (Colin27 + brain mask, or any image and
 *     label) as batches; {@link org.segforge.nn.wgan.WganTrainer} — the run;
 *     {@link org.segforge.nn.wgan.WganModel} — a trained generator as a sampler of
 *     {@link org.segforge.nn.wgan.SyntheticPair}s.</li>
 * </ul>
 */
package org.segforge.nn.wgan;
