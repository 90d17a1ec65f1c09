/**
 * Privacy accounting for differentially private training (METHODS.md M1, the DP critic): the Rényi
 * differential privacy (RDP) of the Poisson-subsampled Gaussian mechanism that DP-SGD runs at every
 * step, its composition over steps, the conversion to an (ε, δ) guarantee, and the inverse — the
 * noise multiplier that a target ε needs.
 *
 * <p>Neighbouring datasets differ by adding or removing one example (the relation under which the
 * sampled-Gaussian analysis of Mironov, Talwar and Zhang 2019 holds and which Opacus and
 * TF-Privacy's {@code compute_rdp} use). Plain Java, no tensors: the DP-SGD step itself lives in
 * {@code nn}.
 */
package org.segforge.core.privacy;
