package org.segforge.core.transform;

import java.util.SplittableRandom;

/** Draws γ = exp(U(log low, log high)) (log-uniform, so γ and 1/γ are equally likely); default 0.7–1.5. */
public record RandomGamma(double low, double high) implements RandomTransform {
    public RandomGamma {
        Draws.checkPositive("gamma low", low);
        Draws.checkRange("gamma", low, high);
    }

    public RandomGamma() {
        this(0.7, 1.5);
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        return new GammaContrast(Math.exp(Draws.uniform(rng, Math.log(low), Math.log(high))));
    }
}
