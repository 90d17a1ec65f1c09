package org.segforge.nn.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/** Consecutive batches from one opened {@link BatchSource}; close it to stop any worker thread. */
public interface BatchStream extends AutoCloseable {
    /**
     * The next step's batch as arrays owned by {@code manager}.
     *
     * @throws BatchException if building the batch failed (the cause is the maker's exception)
     */
    NDList next(NDManager manager);

    @Override
    void close();
}
