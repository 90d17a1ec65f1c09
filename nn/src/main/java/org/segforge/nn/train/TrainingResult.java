package org.segforge.nn.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What one call of {@link TrainingLoop#run()} did.
 *
 * @param firstStep      the step it started at (0, or the resumed checkpoint's step)
 * @param completedSteps steps completed when it returned
 * @param steps          the records of the steps it ran
 * @param validations    the validations it ran
 * @param lastCheckpoint the newest checkpoint folder, or null if none was written
 * @param seconds        wall time of the call
 */
public record TrainingResult(long firstStep, long completedSteps, List<StepRecord> steps,
                             List<ValidationRecord> validations, Path lastCheckpoint, double seconds) {
    public TrainingResult {
        steps = List.copyOf(steps);
        validations = List.copyOf(validations);
    }

    /** The loss of every step run, in order. */
    public double[] losses() {
        return steps.stream().mapToDouble(StepRecord::loss).toArray();
    }
}
