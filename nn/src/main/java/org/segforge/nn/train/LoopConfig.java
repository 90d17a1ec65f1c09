package org.segforge.nn.train;

/**
 * The schedule of a training run, independent of the method. JSON round trip through
 * {@link Json}.
 *
 * @param steps           total optimisation steps of the run
 * @param seed            derives every step's randomness, (seed, step) → generator
 * @param logEvery        write a row to log.jsonl / log.csv every this many steps (1 = all)
 * @param validateEvery   validate every this many steps, 0 = only at the end (if a validator is set)
 * @param checkpointEvery write a checkpoint every this many steps, 0 = only at the end
 * @param keepCheckpoints how many of the newest checkpoints to keep (≥ 1)
 * @param outputDir       folder for logs, checkpoints and provenance.json
 */
public record LoopConfig(long steps, long seed, int logEvery, int validateEvery, int checkpointEvery,
                         int keepCheckpoints, String outputDir) {
    public LoopConfig {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (logEvery < 1 || validateEvery < 0 || checkpointEvery < 0 || keepCheckpoints < 1) {
            throw new IllegalArgumentException("need logEvery >= 1, validateEvery >= 0, checkpointEvery >= 0, keepCheckpoints >= 1; got "
                + logEvery + ", " + validateEvery + ", " + checkpointEvery + ", " + keepCheckpoints);
        }
        if (outputDir == null || outputDir.isBlank()) {
            throw new IllegalArgumentException("output folder must be given");
        }
    }

    /** A run of {@code steps} steps logging every step, checkpointing only at the end, keeping 2. */
    public static LoopConfig of(long steps, long seed, String outputDir) {
        return new LoopConfig(steps, seed, 1, 0, 0, 2, outputDir);
    }

    public LoopConfig withCheckpointEvery(int every, int keep) {
        return new LoopConfig(steps, seed, logEvery, validateEvery, every, keep, outputDir);
    }

    public LoopConfig withValidateEvery(int every) {
        return new LoopConfig(steps, seed, logEvery, every, checkpointEvery, keepCheckpoints, outputDir);
    }

    public LoopConfig withLogEvery(int every) {
        return new LoopConfig(steps, seed, every, validateEvery, checkpointEvery, keepCheckpoints, outputDir);
    }

    public LoopConfig withSteps(long n) {
        return new LoopConfig(n, seed, logEvery, validateEvery, checkpointEvery, keepCheckpoints, outputDir);
    }
}
