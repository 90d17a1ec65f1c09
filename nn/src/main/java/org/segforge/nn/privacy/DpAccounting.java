package org.segforge.nn.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.segforge.core.privacy.PrivacyBudget;
import org.segforge.core.privacy.RdpAccountant;
import org.segforge.nn.train.TrainStep;

/**
 * The privacy a DP training run has spent so far, for its log: (ε, δ) after a number of private
 * updates, from the RDP accountant of the config's (q, σ). Stateless in the count — the caller says
 * how many private updates have happened (a function of the step index), so a resumed run reports
 * the same ε as an uninterrupted one without saving anything.
 */
public final class DpAccounting {
    private final DpConfig config;
    private final RdpAccountant accountant;

    public DpAccounting(DpConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("accounting needs a DP config");
        }
        this.config = config;
        this.accountant = new RdpAccountant(config.samplingRate(), config.noiseMultiplier());
    }

    public DpConfig config() {
        return config;
    }

    /** (ε, δ) after {@code dpUpdates} private updates (improved RDP conversion). */
    public PrivacyBudget after(long dpUpdates) {
        return accountant.budget(dpUpdates, config.delta());
    }

    /** False once the config's target ε (if any) is exceeded. */
    public boolean withinTarget(long dpUpdates) {
        return config.targetEpsilon() == 0 || after(dpUpdates).epsilon() <= config.targetEpsilon();
    }

    /** "epsilon" and "delta" after {@code dpUpdates} private updates, for a step's metrics. */
    public Map<String, Double> metrics(long dpUpdates) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("epsilon", after(dpUpdates).epsilon());
        m.put("delta", config.delta());
        return m;
    }

    /**
     * {@code inner} with the metrics "epsilon" and "delta" added to every step: after step s the
     * run has made (s + 1)·{@code dpUpdatesPerStep} private updates (e.g. the critic steps per
     * generator step of a WGAN whose critic is the private player).
     */
    public TrainStep reporting(TrainStep inner, long dpUpdatesPerStep) {
        if (inner == null || dpUpdatesPerStep < 1) {
            throw new IllegalArgumentException("need a step and >= 1 private updates per step, got " + dpUpdatesPerStep);
        }
        return (ctx, batch) -> {
            Map<String, Double> m = new LinkedHashMap<>(inner.run(ctx, batch));
            m.putAll(metrics((ctx.step() + 1) * dpUpdatesPerStep));
            return m;
        };
    }
}
