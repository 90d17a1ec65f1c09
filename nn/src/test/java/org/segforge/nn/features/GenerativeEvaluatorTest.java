package org.segforge.nn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.core.image.Volume;
import org.segforge.core.metric.generative.PrdConfig;
import org.segforge.nn.OneTorchThread;

@ExtendWith(OneTorchThread.class)
class GenerativeEvaluatorTest {

    @Test
    void scoresAndBalancesTheSets() throws Exception {
        int[] size = {24, 24, 8};
        List<List<Volume>> a = ColinPatches.real(40, size, 1), b = ColinPatches.real(30, size, 2);
        // raw intensities (not [0,1]): the evaluator normalises each image itself
        List<Volume> raw = new ArrayList<>();
        for (Volume v : b.get(0)) {
            float[] d = v.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = 100 + 900 * d[i];
            }
            raw.add(v.withData(d));
        }
        PrdConfig prd = new PrdConfig(10, 101, 2, 2, 100, 5, true);
        try (FeatureNetwork n3 = FeatureNetwork.load(FeatureNetworkTest.SHIPPED, 3); FeatureNetwork n2 = FeatureNetwork.load(FeatureNetworkTest.SHIPPED, 2)) {
            GenerativeEvaluation e = GenerativeEvaluator.evaluate(new SampleSet("real", a.get(0), a.get(1)),
                    new SampleSet("scaled", raw, b.get(1)), n3, n2, true, prd);
            GenerativeEvaluation plain = GenerativeEvaluator.evaluate(new SampleSet("real", a.get(0), a.get(1)),
                    new SampleSet("unit", b.get(0), b.get(1)), n3, n2, true, prd);
            assertThat(e.fid().fid()).isCloseTo(plain.fid().fid(), org.assertj.core.api.Assertions.within(1e-4 * plain.fid().fid()));
            assertThat(e.featureNetwork()).isEqualTo("fid-features-v1");
            assertThat(e.dims()).isEqualTo(3);
            assertThat(e.shape()).containsExactly(24, 24, 8);
            assertThat(e.fid().realCount()).isEqualTo(40);
            assertThat(e.prd().realCount()).isEqualTo(30).isEqualTo(e.prd().syntheticCount());
            assertThat(e.withLabels()).isTrue();
            assertThatThrownBy(() -> GenerativeEvaluator.evaluate(new SampleSet("real", a.get(0), null),
                    new SampleSet("s", b.get(0), b.get(1)), n3, n2, true, prd)).hasMessageContaining("real has no labels");
            List<List<Volume>> flat = ColinPatches.real(30, new int[] {24, 24}, 3);
            // 2D samples go through the 2D network, image-only here
            GenerativeEvaluation e2 = GenerativeEvaluator.evaluate(new SampleSet("flatA", flat.get(0), flat.get(1)),
                    new SampleSet("flatB", ColinPatches.real(30, new int[] {24, 24}, 4).get(0), null), n3, n2, false, prd);
            assertThat(e2.dims()).isEqualTo(2);
            assertThat(e2.withLabels()).isFalse();
            assertThat(e2.fid().fid()).isPositive();
            assertThatThrownBy(() -> GenerativeEvaluator.evaluate(new SampleSet("real", a.get(0), null),
                    new SampleSet("flat", flat.get(0), null), n3, n2, false, prd)).hasMessageContaining("one sample shape");
        }
    }

    @Test
    void subsampleDrawsWithoutReplacement() {
        double[][] rows = new double[50][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i};
        }
        double[][] s = GenerativeEvaluator.subsample(rows, 20, new SplittableRandom(1));
        Set<Double> seen = new HashSet<>();
        for (double[] r : s) {
            seen.add(r[0]);
        }
        assertThat(seen).hasSize(20);
        assertThat(GenerativeEvaluator.subsample(rows, 50, new SplittableRandom(1))).isSameAs(rows);
        assertThat(Arrays.deepEquals(s, GenerativeEvaluator.subsample(rows, 20, new SplittableRandom(1)))).isTrue();
    }
}
