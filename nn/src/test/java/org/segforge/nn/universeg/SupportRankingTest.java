package org.segforge.nn.universeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SupportRankingTest {
    static Pair2d pair(float value, float label) {
        return new Pair2d(2, new float[] {value, value, value, value}, new float[] {label, label, label, label});
    }

    @Test
    void ordersByImageDistanceKeepingTiesInOrder() {
        float[] query = {0.5f, 0.5f, 0.5f, 0.5f};
        Pair2d far = pair(1f, 1), near = pair(0.6f, 2), tieA = pair(0.3f, 3), tieB = pair(0.7f, 4), exact = pair(0.5f, 5);
        List<Pair2d> ranked = SupportRanking.byDistance(query, List.of(far, tieA, near, tieB, exact));
        assertThat(ranked).containsExactly(exact, near, tieA, tieB, far);
        assertThat(CopyMostSimilar.mostSimilar(query, List.of(far, tieA, near, tieB, exact))).isSameAs(exact);
    }

    @Test
    void refusesEmptyOrMismatchedSupport() {
        assertThatThrownBy(() -> SupportRanking.byDistance(new float[4], List.of())).hasMessageContaining("empty");
        assertThatThrownBy(() -> SupportRanking.byDistance(new float[3], List.of(pair(0, 0))))
            .hasMessageContaining("4 pixels, query of 3");
    }
}
