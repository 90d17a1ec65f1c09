package org.segforge.nn.train;

import java.nio.file.Path;

/**
 * Observes a training run (progress bars, plots, early-stopping monitors). Called on the loop's
 * thread; every method has an empty default.
 */
public interface TrainingListener {
    /** Before the first step; {@code firstStep} is > 0 when resuming. */
    default void onStart(LoopConfig config, long firstStep) {}

    default void onStep(StepRecord record) {}

    default void onValidation(ValidationRecord record) {}

    default void onCheckpoint(long completedSteps, Path folder) {}

    default void onEnd(TrainingResult result) {}
}
