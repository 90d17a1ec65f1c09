package org.segforge.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatcherTest {
    /** A batch of 3 values drawn from the step's generator, plus the step itself. */
    private static final BatchMaker DRAWS = (step, rnd) -> new HostBatch(step, List.of(
        new HostArray("x", new float[] {(float) rnd.nextDouble(), (float) rnd.nextDouble(), (float) rnd.nextDouble()}, new long[] {1, 3}),
        new HostArray("step", new float[] {step}, new long[] {1})));

    private static List<float[]> take(BatchSource source, long from, int n) {
        List<float[]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(); BatchStream s = source.open(from)) {
            for (int i = 0; i < n; i++) {
                NDList b = s.next(m);
                assertThat(b.get(0).getName()).isEqualTo("x");
                assertThat(b.get(1).getFloat()).isEqualTo((float) (from + i));
                out.add(b.get(0).toFloatArray());
            }
        }
        return out;
    }

    @Test
    void batchesDependOnSeedAndStepOnly() {
        List<float[]> all = take(new Batcher(DRAWS, 5, 3), 0, 10);
        // resumable: opening at step 6 yields what the run from 0 yielded at 6…9
        List<float[]> resumed = take(new Batcher(DRAWS, 5, 3), 6, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(resumed.get(i)).containsExactly(all.get(6 + i));
        }
        // prefetching does not change any batch
        List<float[]> direct = take(new Batcher(DRAWS, 5, 0), 0, 10);
        for (int i = 0; i < 10; i++) {
            assertThat(direct.get(i)).containsExactly(all.get(i));
        }
        assertThat(all.get(0)).isNotEqualTo(all.get(1));
        assertThat(take(new Batcher(DRAWS, 6, 3), 0, 1).get(0)).isNotEqualTo(all.get(0));
    }

    @Test
    void aMakerExceptionReachesTheConsumerNamingTheStep() {
        BatchMaker failing = (step, rnd) -> {
            if (step == 3) {
                throw new java.io.IOException("case 17 is corrupt");
            }
            return DRAWS.make(step, rnd);
        };
        try (NDManager m = NDManager.newBaseManager(); BatchStream s = new Batcher(failing, 1, 2).open(0)) {
            for (int i = 0; i < 3; i++) {
                s.next(m);
            }
            assertThatThrownBy(() -> s.next(m)).isInstanceOf(BatchException.class)
                .hasMessageContaining("step 3").hasRootCauseMessage("case 17 is corrupt");
            // and it stays failed rather than hanging on an empty queue
            assertThatThrownBy(() -> s.next(m)).isInstanceOf(BatchException.class);
        }
    }

    @Test
    void closeStopsTheWorkerAndPrefetchIsBounded() throws Exception {
        AtomicInteger made = new AtomicInteger();
        BatchMaker counting = (step, rnd) -> {
            made.incrementAndGet();
            return DRAWS.make(step, rnd);
        };
        BatchStream s = new Batcher(counting, 1, 2).open(0);
        Thread.sleep(200);
        // two in the queue and one blocked on put: nothing more is built ahead
        assertThat(made.get()).isLessThanOrEqualTo(3);
        s.close();
        Thread.sleep(50);
        int after = made.get();
        Thread.sleep(100);
        assertThat(made.get()).isEqualTo(after);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("segforge-batcher") && t.isAlive());
        assertThatThrownBy(() -> s.next(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hostArraysCheckTheirShape() {
        assertThatThrownBy(() -> new HostArray("x", new float[5], new long[] {2, 3}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6");
        assertThatThrownBy(() -> new Batcher(DRAWS, 1, -1)).hasMessageContaining("prefetch");
    }

    @Test
    void mixSeparatesNeighbouringSeedsAndSteps() {
        assertThat(StepSeeds.mix(1, 2)).isNotEqualTo(StepSeeds.mix(2, 1));
        assertThat(StepSeeds.mix(0, 0)).isNotEqualTo(StepSeeds.mix(0, 1));
        assertThat(StepSeeds.random(1, 2, StepSeeds.DATA).nextLong()).isNotEqualTo(StepSeeds.random(1, 2, StepSeeds.STEP).nextLong());
    }
}
