package org.segforge.nn.train;

import ai.djl.ndarray.NDManager;
import java.util.Map;

/** Evaluates the players on held-out data; called by the loop on its schedule. */
@FunctionalInterface
public interface Validator {
    /**
     * @param step    the number of steps completed
     * @param manager a scope closed after the call
     * @return named metrics, e.g. "dice"
     */
    Map<String, Double> validate(long step, NDManager manager);
}
