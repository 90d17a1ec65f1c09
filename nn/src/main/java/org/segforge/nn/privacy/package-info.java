/**
 * Differentially private training of one player (the DP critic of METHODS.md M1): DP-SGD —
 * Poisson-sampled batches, per-example gradients clipped to an L2 norm C, Gaussian noise of standard
 * deviation σ·C, normalisation by the expected batch size — in {@link org.segforge.nn.privacy.DpSgd},
 * and the privacy spent, (ε, δ) from {@code core}'s RDP accountant, reported while training by
 * {@link org.segforge.nn.privacy.DpAccounting}.
 *
 * <p>The pieces are generic: any {@link org.segforge.nn.train.Player} and any per-example loss; the
 * WGAN critic update is one user.
 */
package org.segforge.nn.privacy;
