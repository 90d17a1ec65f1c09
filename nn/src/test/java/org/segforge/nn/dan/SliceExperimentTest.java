package org.segforge.nn.dan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;

class SliceExperimentTest {
    @Test
    void drawsDistinctSlicesReproducibly() {
        int[] from = {26, 27, 28, 29, 30, 31, 32};
        assertThat(SliceExperiment.draw(from, 3, new SplittableRandom(4))).hasSize(3).isSubsetOf(26, 27, 28, 29, 30, 31, 32)
                .isEqualTo(SliceExperiment.draw(from, 3, new SplittableRandom(4)));
        assertThat(SliceExperiment.draw(from, 7, new SplittableRandom(1))).containsExactly(26, 27, 28, 29, 30, 31, 32);
        assertThatThrownBy(() -> SliceExperiment.draw(from, 8, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stackKeepsTheChosenSlicesInOrderAndDiceIsPerForegroundClass() {
        float[] d = new float[2 * 2 * 4];
        for (int i = 0; i < d.length; i++) {
            d[i] = i / 4; // slice z holds the value z
        }
        Volume v = new Volume(2, 2, 4, 1, d, Affine.identity());
        Volume s = SliceExperiment.stack(v, new int[] {1, 3});
        assertThat(s.nz()).isEqualTo(2);
        assertThat(s.data()).containsExactly(1, 1, 1, 1, 3, 3, 3, 3);
        Volume ref = new Volume(2, 2, 1, 1, new float[] {0, 1, 1, 2}, Affine.identity());
        Volume pred = new Volume(2, 2, 1, 1, new float[] {0, 1, 0, 2}, Affine.identity());
        // class 1: 2·1/(1+2) = 2/3, class 2: 1 → mean 5/6
        assertThat(SliceExperiment.meanDice(pred, ref, 3)).isCloseTo(5.0 / 6, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void diceByMethodGroupsRunsBySeed() {
        List<SliceExperiment.Run> runs = List.of(
                new SliceExperiment.Run(1, 1, "SN", 0.5, List.of(3), 1), new SliceExperiment.Run(1, 0, "SN", 0.4, List.of(2), 1),
                new SliceExperiment.Run(1, 0, "DAN-stack", 0.6, List.of(2), 1), new SliceExperiment.Run(3, 0, "SN", 0.9, List.of(2), 1));
        Map<String, double[]> m = SliceExperiment.diceByMethod(runs, 1);
        assertThat(m.get("SN")).containsExactly(0.4, 0.5);
        assertThat(m.get("DAN-stack")).containsExactly(0.6);
        assertThat(m.get("DAN-product")).isEmpty();
    }
}
