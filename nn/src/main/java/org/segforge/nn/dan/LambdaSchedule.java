package org.segforge.nn.dan;

/**
 * The weight λ of the adversarial term over the adversarial phase: it starts small, so that a
 * freshly pre-trained SN is not pulled off course by an EN that has not learnt anything yet, and
 * rises to at most {@code max} ≤ 1 (METHODS.md M4).
 *
 * <p>{@code value(t)} for the t-th adversarial step (t = 0 is the first after pre-training):
 * <ul>
 * <li>CONSTANT: max;</li>
 * <li>LINEAR: start + (max − start)·min(1, t / rampSteps);</li>
 * <li>SIGMOID: start + (max − start)·exp(−5(1 − r)²) with r = min(1, t / rampSteps), the
 *     "sigmoid ramp-up" of Laine and Aila (2017) used by many semi-supervised methods.</li>
 * </ul>
 *
 * @param shape     the curve
 * @param start     λ at t = 0 (≥ 0, ≤ max)
 * @param max       λ from t = rampSteps on (≤ 1)
 * @param rampSteps adversarial steps to reach max (≥ 1)
 */
public record LambdaSchedule(Shape shape, double start, double max, long rampSteps) {
    /** The curves λ can follow. */
    public enum Shape { CONSTANT, LINEAR, SIGMOID }

    public LambdaSchedule {
        if (shape == null) {
            throw new IllegalArgumentException("λ schedule needs a shape");
        }
        if (!(max > 0 && max <= 1)) {
            throw new IllegalArgumentException("λ max must be in (0, 1], got " + max);
        }
        if (!(start >= 0 && start <= max)) {
            throw new IllegalArgumentException("λ start must be in [0, max], got " + start);
        }
        if (rampSteps < 1) {
            throw new IllegalArgumentException("λ ramp steps must be ≥ 1, got " + rampSteps);
        }
    }

    public static LambdaSchedule linear(double start, double max, long rampSteps) {
        return new LambdaSchedule(Shape.LINEAR, start, max, rampSteps);
    }

    public static LambdaSchedule sigmoid(double start, double max, long rampSteps) {
        return new LambdaSchedule(Shape.SIGMOID, start, max, rampSteps);
    }

    /** λ at the {@code t}-th adversarial step (t ≥ 0). */
    public double value(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("adversarial step must be ≥ 0, got " + t);
        }
        double r = Math.min(1.0, (double) t / rampSteps);
        return switch (shape) {
            case CONSTANT -> max;
            case LINEAR -> start + (max - start) * r;
            case SIGMOID -> start + (max - start) * Math.exp(-5 * (1 - r) * (1 - r));
        };
    }
}
