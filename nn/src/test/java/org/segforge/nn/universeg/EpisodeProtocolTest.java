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
        assertThrows(IllegalArgumentException.class, () -> new EpisodeProtocol(-1, 16));
    }
}
