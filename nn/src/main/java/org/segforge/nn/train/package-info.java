/**
 * The training engine shared by every method.
 *
 * <p>A method supplies a {@link org.segforge.nn.train.TrainStep} — one optimisation step over
 * one or more {@link org.segforge.nn.train.Player}s (a DJL block plus its own
 * {@link org.segforge.nn.train.Optimizer}) — and the {@link org.segforge.nn.train.TrainingLoop}
 * does the rest the same way for all: a scope per step, (seed, step)-derived randomness, logs
 * (log.jsonl, log.csv, validation.jsonl), validation and checkpoints on a schedule,
 * {@link org.segforge.nn.train.Provenance}, listeners, and exact resume through
 * {@link org.segforge.nn.train.Checkpoints}.
 *
 * <p>Optimisers are our own because DJL's keep their state private; they match torch.optim
 * (OptimizerTest) and save their state exactly.
 */
package org.segforge.nn.train;
