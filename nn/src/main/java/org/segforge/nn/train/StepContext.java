package org.segforge.nn.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one training step may use: its index, a manager closed when the step ends, a generator
 * derived from (seed, step) — never a global one, so a resumed run draws the same — and the
 * players.
 */
public record StepContext(long step, NDManager manager, SplittableRandom random, List<Player> players) {
    /** The player with this name. */
    public Player player(String name) {
        for (Player p : players) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no player named " + name);
    }
}
