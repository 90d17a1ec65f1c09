package org.segforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.segforge.core.image.Axis;
import org.junit.jupiter.api.Test;

class SplitsTest {
    static List<String> subjects(int n) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add("lesion" + (i + 1));
        }
        return s;
    }

    @Test
    void bySubjectIsDisjointCompleteAndDeterministic() {
        List<String> ids = subjects(24);
        Fold f = Splits.bySubject(ids, SplitSizes.fractions(0.7, 0.1, 0.2), 42);
        // 0.7·24 = 16.8 → 17, 0.1·24 = 2.4 → 2, test the rest = 5
        assertThat(f.train()).hasSize(17);
        assertThat(f.val()).hasSize(2);
        assertThat(f.test()).hasSize(5);
        Set<String> all = new HashSet<>(f.train());
        all.addAll(f.val());
        all.addAll(f.test());
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(Splits.bySubject(ids, SplitSizes.fractions(0.7, 0.1, 0.2), 42)).isEqualTo(f);
        // independent of the order the ids come in
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertThat(Splits.bySubject(reversed, SplitSizes.fractions(0.7, 0.1, 0.2), 42)).isEqualTo(f);
        assertThat(Splits.bySubject(ids, SplitSizes.fractions(0.7, 0.1, 0.2), 43)).isNotEqualTo(f);
        assertThatThrownBy(() -> Splits.bySubject(ids, SplitSizes.counts(20, 5, 0), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kFoldValidatesEverySubjectExactlyOnce() {
        List<String> ids = subjects(23);
        List<Fold> folds = Splits.kFold(ids, 5, 7);
        assertThat(folds).hasSize(5);
        List<String> vals = new ArrayList<>();
        for (Fold f : folds) {
            vals.addAll(f.val());
            assertThat(f.train()).hasSize(23 - f.val().size()).doesNotContainAnyElementsOf(f.val());
            assertThat(f.val().size()).isBetween(4, 5);
        }
        assertThat(vals).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(Splits.kFold(ids, 5, 7)).isEqualTo(folds);
    }

    /** Property over many seeds and sizes: no two slices of different parts are within the gap. */
    @Test
    void sliceRangesNeverLeakAcrossTheGap() {
        int[] indices = IntStream.range(20, 140).toArray(); // 120 contiguous slices
        Set<Fold> distinct = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            int gap = (int) (seed % 7);
            Fold f = Splits.bySliceRanges(indices, SplitSizes.of(SplitSize.count(5), SplitSize.count(10), SplitSize.rest()), gap, seed);
            assertThat(f.train()).hasSize(5);
            assertThat(f.val()).hasSize(10);
            assertThat(f.test()).isNotEmpty();
            assertThat(Splits.minSliceDistance(f)).as("seed %d", seed).isGreaterThan(gap);
            // runs: train and val are contiguous
            assertContiguous(f.train());
            assertContiguous(f.val());
            // test takes everything that is farther than the gap from train and val
            assertThat(f.size()).isGreaterThanOrEqualTo(120 - 4 * gap);
            assertThat(Splits.bySliceRanges(indices, SplitSizes.of(SplitSize.count(5), SplitSize.count(10), SplitSize.rest()), gap, seed)).isEqualTo(f);
            distinct.add(f);
        }
        assertThat(distinct.size()).as("seeds move the runs").isGreaterThan(100);
    }

    @Test
    void sliceRangesWithHolesAndFractions() {
        // slices with foreground need not be contiguous
        int[] indices = {3, 4, 5, 9, 10, 11, 12, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59};
        for (long seed = 0; seed < 100; seed++) {
            Fold f = Splits.bySliceRanges(indices, SplitSizes.fractions(0.25, 0.25, 0.5), 3, seed);
            assertThat(f.train()).hasSize(6);
            assertThat(f.val()).hasSize(6);
            assertThat(Splits.minSliceDistance(f)).isGreaterThan(3);
        }
        assertThatThrownBy(() -> Splits.bySliceRanges(new int[] {1, 2, 3, 4, 5, 6}, SplitSizes.of(SplitSize.count(5), SplitSize.none(), SplitSize.rest()), 2, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no slice is left for test");
        assertThatThrownBy(() -> Splits.bySliceRanges(new int[] {1, 2, 3, 4, 5, 6}, SplitSizes.counts(3, 3, 0), 1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not enough slices");
    }

    @Test
    void taskSplitsUseSampleIdsAndRefuseSeveralSubjects() {
        Task t = new TaskBuilder("syn", List.of(TaskBuilderTest.synthetic("s1")))
            .minForeground(ForegroundThreshold.voxels(0)).build(LabelGrouping.binary("box", Set.of(1)), Axis.SAGITTAL);
        Fold f = Splits.bySliceRanges(t, SplitSizes.of(SplitSize.count(2), SplitSize.none(), SplitSize.rest()), 1, 3);
        assertThat(f.train()).hasSize(2).allSatisfy(id -> assertThat(id).startsWith("s1:"));
        assertThat(t.samplesWithIds(f.train())).hasSize(2);
        assertThat(Splits.minSliceDistance(f)).isGreaterThan(1);
        Task two = new TaskBuilder("syn", List.of(TaskBuilderTest.synthetic("a"), TaskBuilderTest.synthetic("b")))
            .build(LabelGrouping.binary("box", Set.of(1)), Axis.SAGITTAL);
        assertThatThrownBy(() -> Splits.bySliceRanges(two, SplitSizes.counts(1, 0, 1), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        Fold bySubject = Splits.bySubject(two, SplitSizes.counts(1, 0, 1), 5);
        assertThat(two.samplesOfSubjects(bySubject.train())).hasSize(3);
    }

    @Test
    void foldRefusesLeakage() {
        assertThatThrownBy(() -> new Fold(List.of("a", "b"), List.of(), List.of("b")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b' is in two parts");
    }

    private static void assertContiguous(List<String> ids) {
        int[] s = ids.stream().mapToInt(Integer::parseInt).sorted().toArray();
        assertThat(s[s.length - 1] - s[0]).isEqualTo(s.length - 1);
    }
}
