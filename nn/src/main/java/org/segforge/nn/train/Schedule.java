package org.segforge.nn.train;

/**
 * A learning-rate schedule: optional linear warm-up from 0, then a constant, poly or cosine decay
 * over the remaining steps. A record so that it goes into a config's JSON as is.
 *
 * @param shape       the decay after warm-up
 * @param baseLr      the learning rate reached at the end of warm-up
 * @param totalSteps  steps of the whole run (warm-up included); decays end here
 * @param warmupSteps steps of linear warm-up, 0 for none
 * @param power       exponent of {@link Shape#POLY} (nnU-Net uses 0.9)
 * @param minLr       floor of {@link Shape#COSINE}
 */
public record Schedule(Shape shape, double baseLr, long totalSteps, long warmupSteps, double power, double minLr) {
    /** The decay shapes. */
    public enum Shape { CONSTANT, POLY, COSINE }

    public Schedule {
        if (shape == null) {
            throw new IllegalArgumentException("schedule shape must not be null");
        }
        if (!(baseLr > 0) || !Double.isFinite(baseLr)) {
            throw new IllegalArgumentException("base learning rate must be > 0, got " + baseLr);
        }
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warmupSteps <= totalSteps and totalSteps >= 1, got warmup "
                + warmupSteps + " of " + totalSteps);
        }
        if (!(power > 0) || minLr < 0 || minLr > baseLr) {
            throw new IllegalArgumentException("need power > 0 and 0 <= minLr <= baseLr, got power " + power + ", minLr " + minLr);
        }
    }

    public static Schedule constant(double lr) {
        return new Schedule(Shape.CONSTANT, lr, Long.MAX_VALUE, 0, 1, 0);
    }

    /** nnU-Net's schedule: lr·(1 − step/total)^0.9. */
    public static Schedule poly(double lr, long totalSteps) {
        return new Schedule(Shape.POLY, lr, totalSteps, 0, 0.9, 0);
    }

    public static Schedule cosine(double lr, long totalSteps, double minLr) {
        return new Schedule(Shape.COSINE, lr, totalSteps, 0, 1, minLr);
    }

    /** The same decay after a linear warm-up over the first {@code steps} steps. */
    public Schedule withWarmup(long steps) {
        return new Schedule(shape, baseLr, totalSteps, steps, power, minLr);
    }

    /** Learning rate used by the update of step {@code step} (0-based). */
    public double lr(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (step < warmupSteps) {
            // step 0 gets base/warmup, not 0: a zero-lr step would be a wasted batch
            return baseLr * (step + 1) / warmupSteps;
        }
        if (shape == Shape.CONSTANT) {
            return baseLr;
        }
        long span = totalSteps - warmupSteps;
        double t = span <= 0 ? 1 : Math.min(1.0, (double) (step - warmupSteps) / span);
        return switch (shape) {
            case POLY -> baseLr * Math.pow(1 - t, power);
            case COSINE -> minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * t));
            case CONSTANT -> baseLr;
        };
    }
}
