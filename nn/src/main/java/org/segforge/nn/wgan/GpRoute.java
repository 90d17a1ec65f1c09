package org.segforge.nn.wgan;

/** How the gradient penalty's parameter gradient is computed ({@link GradientPenalty}). */
public enum GpRoute {
    /**
     * The default: a central difference of the critic along the detached input-gradient direction,
     * with ordinary backward passes only. Memory stays flat over any number of steps.
     */
    FIRST_ORDER,
    /**
     * The exact double backward through the engine's {@code backward(createGraph=true)}. Leaks
     * native memory every step (the engine cannot reset a parameter's gradient); for tests and
     * reference values only.
     */
    EXACT
}
