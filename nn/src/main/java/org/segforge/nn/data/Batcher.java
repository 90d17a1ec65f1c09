package org.segforge.nn.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns a {@link BatchMaker} into a {@link BatchSource}: the batch of step s is made with a
 * generator seeded by (seed, s), on a background thread that keeps up to {@code prefetch} batches
 * ready, so the engine never waits on Java-side augmentation. The host→tensor copy happens on the
 * consumer's thread, inside the step's NDManager. A maker's exception is rethrown to the consumer
 * as a {@link BatchException} for the step it failed on; closing the stream stops the thread.
 */
public final class Batcher implements BatchSource {
    private final BatchMaker maker;
    private final long seed;
    private final int prefetch;

    /**
     * @param maker    builds one step's host batch from (step, generator)
     * @param seed     the run's seed; the data generator of step s is derived from (seed, s)
     * @param prefetch batches kept ready ahead of the consumer; 0 builds each batch on demand on
     *                 the consumer's thread
     */
    public Batcher(BatchMaker maker, long seed, int prefetch) {
        if (maker == null) {
            throw new IllegalArgumentException("batch maker must not be null");
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
        }
        this.maker = maker;
        this.seed = seed;
        this.prefetch = prefetch;
    }

    /** The host batch of one step, built on the calling thread (what the stream would yield). */
    public HostBatch make(long step) {
        try {
            HostBatch b = maker.make(step, StepSeeds.random(seed, step, StepSeeds.DATA));
            if (b == null) {
                throw new IllegalStateException("batch maker returned null");
            }
            return b;
        } catch (RuntimeException e) {
            throw e instanceof BatchException ? e : new BatchException(step, e);
        } catch (Exception e) {
            throw new BatchException(step, e);
        }
    }

    @Override
    public BatchStream open(long fromStep) {
        if (fromStep < 0) {
            throw new IllegalArgumentException("first step must be >= 0, got " + fromStep);
        }
        return prefetch == 0 ? new Direct(fromStep) : new Prefetching(fromStep);
    }

    private final class Direct implements BatchStream {
        private long next;

        Direct(long from) {
            next = from;
        }

        @Override
        public NDList next(NDManager manager) {
            return make(next++).toNDList(manager);
        }

        @Override
        public void close() {
            // nothing runs in the background
        }
    }

    /** One slot of the queue: a batch, or the failure that ends the stream. */
    private record Item(long step, HostBatch batch, BatchException failure) {}

    private final class Prefetching implements BatchStream {
        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(prefetch);
        private final Thread worker;
        private volatile boolean closed;
        private long expected;
        private BatchException failed;

        Prefetching(long from) {
            expected = from;
            worker = new Thread(() -> produce(from), "segforge-batcher");
            worker.setDaemon(true); // a forgotten stream must not keep the JVM alive
            worker.start();
        }

        private void produce(long from) {
            try {
                for (long s = from; !closed; s++) {
                    Item item;
                    try {
                        item = new Item(s, make(s), null);
                    } catch (BatchException e) {
                        item = new Item(s, null, e);
                    }
                    queue.put(item);
                    if (item.failure() != null) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // close() interrupts a producer blocked on a full queue: just stop
            } catch (Error e) {
                // an Error (e.g. OOM) still reaches the consumer instead of hanging it
                queue.offer(new Item(-1, null, new BatchException(-1, e)));
            }
        }

        @Override
        public NDList next(NDManager manager) {
            if (closed) {
                throw new IllegalStateException("batch stream is closed");
            }
            if (failed != null) {
                throw failed;
            }
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the batch of step " + expected, e);
            }
            if (item.failure() != null) {
                failed = item.failure();
                throw failed;
            }
            if (item.step() != expected) {
                throw new IllegalStateException("batch stream out of order: got step " + item.step() + ", expected " + expected);
            }
            expected++;
            return item.batch().toNDList(manager);
        }

        @Override
        public void close() {
            closed = true;
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.clear();
        }
    }
}
