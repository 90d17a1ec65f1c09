package org.segforge.nn.universeg;

/**
 * Hard Dice of a thresholded prediction against a binary label over a range of pixels, 1 when both
 * are empty: the score UniverSeg's training monitor and its held-out evaluation share.
 */
final class BinaryDice {
    private BinaryDice() {}

    /**
     * @param prediction values compared with {@code threshold} (logits against 0, probabilities against 0.5)
     * @param label      reference, foreground where &gt; 0.5
     * @param from       first pixel (inclusive)
     * @param to         last pixel (exclusive)
     */
    static double of(float[] prediction, float threshold, float[] label, int from, int to) {
        long inter = 0, p = 0, y = 0;
        for (int i = from; i < to; i++) {
            boolean a = prediction[i] > threshold, c = label[i] > 0.5f;
            p += a ? 1 : 0;
            y += c ? 1 : 0;
            inter += a && c ? 1 : 0;
        }
        return p + y == 0 ? 1 : 2.0 * inter / (p + y);
    }
}
