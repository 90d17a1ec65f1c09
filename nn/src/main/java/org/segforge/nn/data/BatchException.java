package org.segforge.nn.data;

/**
 * Building a batch failed, on whichever thread it was built: rethrown to the training loop with
 * the maker's exception as cause, naming the step.
 */
public class BatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BatchException(long step, Throwable cause) {
        super("building the batch of step " + step + " failed: " + cause, cause);
    }
}
