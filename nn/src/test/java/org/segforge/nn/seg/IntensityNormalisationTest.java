package org.segforge.nn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntensityNormalisationTest {
    @Test
    void minMaxZScoreAndNoneLeaveTheInputAlone() {
        float[] v = {2, 4, 6, 8};
        assertThat(IntensityNormalisation.MIN_MAX.apply(v)).containsExactly(0f, 1f / 3, 2f / 3, 1f);
        float[] z = IntensityNormalisation.Z_SCORE.apply(v);
        double s = Math.sqrt(5); // population std of 2, 4, 6, 8
        assertThat(z[0]).isCloseTo((float) (-3 / s), within(1e-6f));
        assertThat(z[3]).isCloseTo((float) (3 / s), within(1e-6f));
        assertThat(IntensityNormalisation.NONE.apply(v)).containsExactly(v).isNotSameAs(v);
        assertThat(v).containsExactly(2, 4, 6, 8);
        assertThat(IntensityNormalisation.MIN_MAX.apply(new float[] {3, 3})).containsExactly(0f, 0f);
        assertThat(IntensityNormalisation.Z_SCORE.apply(new float[] {3, 3})).containsExactly(0f, 0f);
    }
}
