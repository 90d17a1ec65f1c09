package org.segforge.core.data;

/**
 * The size of one part of a split: a count, a fraction of the items, or "the rest" (whatever the
 * other parts and the gaps leave).
 */
public record SplitSize(Kind kind, double amount) {
    /** How {@link #amount} is read. */
    public enum Kind { COUNT, FRACTION, REST }

    public SplitSize {
        if (kind == null) {
            throw new IllegalArgumentException("a split size needs a kind");
        }
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("a split size must be ≥ 0, got " + amount);
        }
        if (kind == Kind.FRACTION && amount > 1) {
            throw new IllegalArgumentException("a split fraction must be in [0, 1], got " + amount);
        }
        if (kind == Kind.COUNT && amount != Math.rint(amount)) {
            throw new IllegalArgumentException("a split count must be an integer, got " + amount);
        }
    }

    public static SplitSize count(int n) {
        return new SplitSize(Kind.COUNT, n);
    }

    public static SplitSize fraction(double f) {
        return new SplitSize(Kind.FRACTION, f);
    }

    public static SplitSize rest() {
        return new SplitSize(Kind.REST, 0);
    }

    public static SplitSize none() {
        return count(0);
    }

    /**
     * Items this part takes out of {@code n}: a count as is, a fraction rounded to the nearest
     * integer but at least one when the fraction is positive; -1 for the rest.
     */
    int resolve(int n) {
        return switch (kind) {
            case COUNT -> (int) amount;
            case FRACTION -> amount == 0 || n == 0 ? 0 : Math.max(1, (int) Math.round(amount * n));
            case REST -> -1;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case COUNT -> String.valueOf((long) amount);
            case FRACTION -> amount + " of the items";
            case REST -> "the rest";
        };
    }
}
