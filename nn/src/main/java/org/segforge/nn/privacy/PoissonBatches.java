package org.segforge.nn.privacy;

import java.util.SplittableRandom;
import org.segforge.nn.data.BatchMaker;
import org.segforge.nn.data.HostBatch;

/**
 * A {@link BatchMaker} of Poisson-sampled batches for {@link DpSgd#stepOnSampled}, when the private
 * dataset is too large to hand to every step whole: each step draws the indices of its examples
 * (each of the N included with probability q, from the step's data generator, so a resumed run
 * draws the same) and loads only those. The batch size varies and may be 0; the loader must return
 * exactly the examples asked for, in that order, or the accountant's guarantee does not apply.
 */
public final class PoissonBatches implements BatchMaker {
    /** Builds the host batch of the given examples (possibly none) of the private dataset. */
    @FunctionalInterface
    public interface ExampleLoader {
        HostBatch load(long step, int[] indices) throws Exception;
    }

    private final int datasetSize;
    private final double q;
    private final ExampleLoader loader;

    public PoissonBatches(DpConfig config, ExampleLoader loader) {
        if (config == null || loader == null) {
            throw new IllegalArgumentException("Poisson batches need a DP config and a loader");
        }
        this.datasetSize = config.datasetSize();
        this.q = config.samplingRate();
        this.loader = loader;
    }

    @Override
    public HostBatch make(long step, SplittableRandom random) throws Exception {
        return loader.load(step, PoissonSampling.draw(random, datasetSize, q));
    }
}
