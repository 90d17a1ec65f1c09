package org.segforge.nn.train;

/**
 * How one player's parameters are updated. A record with JSON round trip; build it through the
 * named factories.
 *
 * @param kind        the update rule
 * @param schedule    learning rate per step
 * @param beta1       Adam's first-moment decay
 * @param beta2       Adam's second-moment decay
 * @param eps         Adam's denominator guard
 * @param momentum    SGD momentum (0 for plain SGD)
 * @param nesterov    SGD Nesterov momentum
 * @param weightDecay L2 penalty added to the gradient (ADAM, SGD) or decoupled decay (ADAMW)
 * @param clipNorm    clip the global gradient norm of the player to this value; 0 = no clipping
 */
public record OptimizerConfig(Kind kind, Schedule schedule, double beta1, double beta2, double eps, double momentum,
                              boolean nesterov, double weightDecay, double clipNorm) {
    /** The update rules. */
    public enum Kind { ADAM, ADAMW, SGD }

    public OptimizerConfig {
        if (kind == null || schedule == null) {
            throw new IllegalArgumentException("optimizer kind and schedule must not be null");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("need 0 <= beta1, beta2 < 1 and eps > 0, got " + beta1 + ", " + beta2 + ", " + eps);
        }
        if (!(momentum >= 0 && momentum < 1) || weightDecay < 0 || clipNorm < 0) {
            throw new IllegalArgumentException("need 0 <= momentum < 1, weightDecay >= 0, clipNorm >= 0, got "
                + momentum + ", " + weightDecay + ", " + clipNorm);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
    }

    public static OptimizerConfig adam(Schedule schedule, double beta1, double beta2) {
        return new OptimizerConfig(Kind.ADAM, schedule, beta1, beta2, 1e-8, 0, false, 0, 0);
    }

    public static OptimizerConfig adamW(Schedule schedule, double beta1, double beta2, double weightDecay) {
        return new OptimizerConfig(Kind.ADAMW, schedule, beta1, beta2, 1e-8, 0, false, weightDecay, 0);
    }

    /** nnU-Net's optimiser is sgd(poly(0.01, total), 0.99, true, 3e-5) with clipNorm 12. */
    public static OptimizerConfig sgd(Schedule schedule, double momentum, boolean nesterov, double weightDecay) {
        return new OptimizerConfig(Kind.SGD, schedule, 0.9, 0.999, 1e-8, momentum, nesterov, weightDecay, 0);
    }

    public OptimizerConfig withClipNorm(double norm) {
        return new OptimizerConfig(kind, schedule, beta1, beta2, eps, momentum, nesterov, weightDecay, norm);
    }

    public OptimizerConfig withEps(double e) {
        return new OptimizerConfig(kind, schedule, beta1, beta2, e, momentum, nesterov, weightDecay, clipNorm);
    }
}
