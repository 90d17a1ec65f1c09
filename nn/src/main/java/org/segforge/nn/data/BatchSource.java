package org.segforge.nn.data;

/**
 * Where a training loop gets its batches. Opening at a step index is what makes a run resumable:
 * the stream opened at step k yields exactly the batches k, k+1, … the uninterrupted run saw.
 */
public interface BatchSource {
    /** Opens a stream whose first batch is the batch of step {@code fromStep}. */
    BatchStream open(long fromStep);
}
