package org.segforge.nn.universeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;

/** Fusion after propagation (UniverSeg one example at a time) and its network-free peer, the vote. */
@ExtendWith(OneTorchThread.class)
class LabelFusionTest {
    @Test
    void voteIsTheMajorityOfTheMostSimilarLabels() {
        float[] query = {0.5f, 0.5f, 0.5f, 0.5f};
        Pair2d near = new Pair2d(2, new float[] {0.5f, 0.5f, 0.5f, 0.6f}, new float[] {1, 1, 0, 0});
        Pair2d second = new Pair2d(2, new float[] {0.5f, 0.5f, 0.7f, 0.5f}, new float[] {1, 0, 1, 0});
        Pair2d third = new Pair2d(2, new float[] {0.8f, 0.5f, 0.5f, 0.5f}, new float[] {0, 1, 1, 0});
        Pair2d far = new Pair2d(2, new float[] {1, 1, 1, 1}, new float[] {1, 1, 1, 1});
        List<Pair2d> support = List.of(far, third, second, near);
        // m = 1 is the copy baseline; m = 3 leaves out the far example: 2 of 3 on the first three pixels
        assertArrayEquals(new CopyMostSimilar().segment(query, support, 0), binary(new VoteMostSimilar(1).segment(query, support, 0)));
        assertArrayEquals(new float[] {1, 1, 1, 0}, binary(new VoteMostSimilar(3).segment(query, support, 0)));
        assertArrayEquals(new float[] {1, 1, 1, 0}, binary(new VoteMostSimilar(9).segment(query, support, 0)), "m > n: all vote");
        assertThatThrownBy(() -> new VoteMostSimilar(0)).hasMessageContaining("m ≥ 1");
    }

    @Test
    void fusionAveragesOneExamplePredictionsOfTheMostSimilar() {
        try (UniverSegModel model = UniverSegModel.untrained(new UniverSegConfig(16, List.of(4, 4, 4), List.of(4, 4), 4), 5)) {
            SplittableRandom r = new SplittableRandom(2);
            float[] query = random(r, 256, false);
            List<Pair2d> support = List.of(new Pair2d(16, random(r, 256, false), random(r, 256, true)),
                    new Pair2d(16, random(r, 256, false), random(r, 256, true)), new Pair2d(16, query.clone(), random(r, 256, true)));
            // the third example's image is the query's: it is the most similar and fusion of 1 is its one-example prediction
            assertArrayEquals(model.predict(query, List.of(support.get(2))), new UniverSegFusion(model, 1).segment(query, support, 0));
            List<Pair2d> ranked = SupportRanking.byDistance(query, support);
            float[] a = model.predict(query, List.of(ranked.get(0))), b = model.predict(query, List.of(ranked.get(1)));
            float[] fused = new UniverSegFusion(model, 2).segment(query, support, 0);
            for (int i = 0; i < fused.length; i++) {
                assertThat(fused[i]).isCloseTo((a[i] + b[i]) / 2, org.assertj.core.data.Offset.offset(1e-6f));
            }
            // not the one pass over both examples, which averages inside the network
            assertThat(fused).isNotEqualTo(model.predict(query, ranked.subList(0, 2)));
        }
    }

    private static float[] random(SplittableRandom r, int n, boolean binary) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = binary ? (r.nextBoolean() ? 1 : 0) : (float) r.nextDouble();
        }
        return a;
    }

    private static float[] binary(float[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] > 0.5f ? 1 : 0;
        }
        return out;
    }
}
