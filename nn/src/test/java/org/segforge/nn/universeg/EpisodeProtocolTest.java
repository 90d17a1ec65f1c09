package org.segforge.nn.universeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;

/** The held-out episode protocol with a gap, on the real Colin27 Brodmann tasks. */
class EpisodeProtocolTest {
    static List<EpisodeTask> brodmann;

    @BeforeAll
    static void load() throws DataException {
        brodmann = Colin27Tasks.load(Path.of("../data/demo"), 150).of(Colin27Tasks.HELD_OUT);
    }

    @Test
    void qualifyingTaskCountsMatchAnIndependentCount() {
        // Reference counts from nibabel/numpy (Debian /usr/bin/python3), brodmann.nii.gz:
        //   b = round(data); for each axis and value v: n = #slices with >= 150 voxels == v; keep n >= 2
        //   -> 120 tasks; with n >= 73 (64 supports, gap 5): 15; n >= 83 (gap 10): 8; n >= 16+9: see below
        assertEquals(120, brodmann.size());
        assertEquals(120, EpisodeProtocol.qualifying(brodmann, List.of(new EpisodeProtocol(0, 64))).size());
        assertEquals(15, EpisodeProtocol.qualifying(brodmann, List.of(new EpisodeProtocol(0, 64), new EpisodeProtocol(5, 64))).size());
        assertEquals(8, EpisodeProtocol.qualifying(brodmann, List.of(new EpisodeProtocol(10, 64))).size());
        assertEquals(73, new EpisodeProtocol(5, 64).requiredSlices());
    }

    @Test
    void theBrodmannFamilyAloneGivesTheSameTasks() throws DataException {
        List<EpisodeTask> alone = Colin27Tasks.atlasFamily(Path.of("../data/demo"), "brodmann", 150);
        assertEquals(brodmann.size(), alone.size());
        for (int i = 0; i < alone.size(); i++) {
            assertEquals(brodmann.get(i).name(), alone.get(i).name());
            assertArrayEquals(((SliceTask) brodmann.get(i)).slices(), ((SliceTask) alone.get(i)).slices());
        }
        assertThrows(IllegalArgumentException.class, () -> Colin27Tasks.atlasFamily(Path.of("../data/demo"), "lesion", 150));
    }

    @Test
    void gapZeroIsTheOriginalWithReplacementProtocol() {
        List<SliceTask> tasks = EpisodeProtocol.qualifying(brodmann, List.of(new EpisodeProtocol(0, 16)));
        EpisodeProtocol p = new EpisodeProtocol(0, 16);
        for (int e = 0; e < 5; e++) {
            EpisodeProtocol.Episode ep = p.draw(tasks, 7, e, 64);
            // the draw of the evaluation before the gap option existed
            SplittableRandom r = new SplittableRandom(7 * 1_000_003L + e);
            EpisodeTask task = tasks.get(r.nextInt(tasks.size()));
            EpisodeTask.Sampler sampler = task.episode(r.split(), 64);
            assertEquals(task.name(), ep.task());
            assertArrayEquals(sampler.next(r).image(), ep.query().image());
            for (int i = 0; i < 16; i++) {
                Pair2d s = sampler.next(r);
                assertArrayEquals(s.image(), ep.support().get(i).image());
                assertArrayEquals(s.label(), ep.support().get(i).label());
            }
        }
    }

    @Test
    void gapKeepsSupportsDistinctAndAwayFromTheQuerySameQueryAsGapZero() {
        EpisodeProtocol g0 = new EpisodeProtocol(0, 64), g5 = new EpisodeProtocol(5, 64);
        List<SliceTask> tasks = EpisodeProtocol.qualifying(brodmann, List.of(g0, g5));
        int differ = 0;
        for (int e = 0; e < 4; e++) {
            EpisodeProtocol.Episode a = g0.draw(tasks, 3, e, 32), b = g5.draw(tasks, 3, e, 32);
            assertEquals(a.task(), b.task());
            assertEquals(a.querySlice(), b.querySlice());
            assertArrayEquals(a.query().label(), b.query().label());
            Set<Integer> seen = new HashSet<>();
            for (int s : b.supportSlices()) {
                assertTrue(Math.abs(s - b.querySlice()) >= 5, "slice " + s + " near query " + b.querySlice());
                assertTrue(seen.add(s), "repeated slice " + s);
            }
            assertEquals(64, b.support().size());
            assertEquals(8, b.support(8).size());
            differ += a.supportSlices()[0] != b.supportSlices()[0] ? 1 : 0;
            SliceTask t = tasks.stream().filter(x -> x.name().equals(b.task())).findFirst().orElseThrow();
            assertArrayEquals(t.pair(b.supportSlices()[3], 32, 1.0).image(), b.support().get(3).image());
        }
        assertNotEquals(0, differ);
    }

    @Test
    void aTaskTooShortForTheGapIsRefused() {
        SliceTask small = EpisodeProtocol.qualifying(brodmann, List.of(new EpisodeProtocol(0, 1))).stream()
                .filter(t -> t.slices().length < 20).findFirst().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> new EpisodeProtocol(5, 16).draw(List.of(small), 1, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeProtocol(-2, 16));
    }

    @Test
    void evenlySpacedSupportsSurroundTheQuery() {
        List<SliceTask> tasks = EpisodeProtocol.qualifying(brodmann, List.of(new EpisodeProtocol(EpisodeProtocol.EVEN, 8)));
        assertEquals(9, new EpisodeProtocol(EpisodeProtocol.EVEN, 8).requiredSlices());
        assertArrayEquals(new int[] {0, 4, 2, 6, 1, 5, 3, 7}, EpisodeProtocol.bitReversedOrder(8));
        int between = 0;
        for (int e = 0; e < 40; e++) {
            EpisodeProtocol.Episode ep = new EpisodeProtocol(EpisodeProtocol.EVEN, 8).draw(tasks, 3, e, 32);
            SliceTask task = tasks.stream().filter(t -> t.name().equals(ep.task())).findFirst().orElseThrow();
            List<Integer> order = java.util.Arrays.stream(task.slices()).boxed().toList();
            int[] idx = java.util.Arrays.stream(ep.supportSlices()).map(order::indexOf).toArray();
            int q = order.indexOf(ep.querySlice());
            assertTrue(q >= 0 && java.util.Arrays.stream(idx).allMatch(i -> i >= 0 && i != q), "query and supports are distinct task slices");
            int[] sorted = idx.clone();
            java.util.Arrays.sort(sorted);
            double step = task.slices().length / 8.0;
            for (int i = 1; i < 8; i++) {
                int d = sorted[i] - sorted[i - 1];
                assertTrue(d >= Math.floor(step) && d <= Math.ceil(step), "evenly spread: " + java.util.Arrays.toString(sorted) + " of " + order.size());
            }
            // the first two supports are half the range apart, the first four a quarter
            assertTrue(Math.abs(Math.abs(idx[1] - idx[0]) - 4 * step) <= 1, java.util.Arrays.toString(idx));
            between += q > sorted[0] && q < sorted[7] ? 1 : 0;
        }
        assertTrue(between >= 25, "the query lies between the first and last support in " + between + " of 40 episodes");
    }
}
