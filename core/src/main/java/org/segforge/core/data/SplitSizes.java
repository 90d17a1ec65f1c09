package org.segforge.core.data;

/**
 * Sizes of the train, validation and test parts of a split; at most one part may be "the rest".
 * E.g. {@code SplitSizes.of(SplitSize.count(5), SplitSize.none(), SplitSize.rest())}: five labelled
 * training slices, everything else (beyond the gap) for testing.
 */
public record SplitSizes(SplitSize train, SplitSize val, SplitSize test) {
    public SplitSizes {
        if (train == null || val == null || test == null) {
            throw new IllegalArgumentException("split sizes need train, val and test (use SplitSize.none() for an empty part)");
        }
        int rests = (train.kind() == SplitSize.Kind.REST ? 1 : 0) + (val.kind() == SplitSize.Kind.REST ? 1 : 0)
            + (test.kind() == SplitSize.Kind.REST ? 1 : 0);
        if (rests > 1) {
            throw new IllegalArgumentException("at most one split part can be 'the rest'");
        }
        double fractions = (train.kind() == SplitSize.Kind.FRACTION ? train.amount() : 0)
            + (val.kind() == SplitSize.Kind.FRACTION ? val.amount() : 0)
            + (test.kind() == SplitSize.Kind.FRACTION ? test.amount() : 0);
        if (fractions > 1 + 1e-9) {
            throw new IllegalArgumentException("split fractions add up to " + fractions + " > 1");
        }
    }

    public static SplitSizes of(SplitSize train, SplitSize val, SplitSize test) {
        return new SplitSizes(train, val, test);
    }

    public static SplitSizes counts(int train, int val, int test) {
        return new SplitSizes(SplitSize.count(train), SplitSize.count(val), SplitSize.count(test));
    }

    /**
     * Fractions of the items; when they add up to 1 the test part becomes "the rest" (or the last
     * non-zero part does), so rounding never leaves an item out.
     */
    public static SplitSizes fractions(double train, double val, double test) {
        SplitSize tr = SplitSize.fraction(train), va = SplitSize.fraction(val), te = SplitSize.fraction(test);
        if (Math.abs(train + val + test - 1) < 1e-9) {
            if (test > 0) {
                te = SplitSize.rest();
            } else if (val > 0) {
                va = SplitSize.rest();
            } else {
                tr = SplitSize.rest();
            }
        }
        return new SplitSizes(tr, va, te);
    }

    SplitSize get(int part) {
        return switch (part) {
            case 0 -> train;
            case 1 -> val;
            default -> test;
        };
    }
}
