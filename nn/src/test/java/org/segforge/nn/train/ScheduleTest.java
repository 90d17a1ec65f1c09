package org.segforge.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void constantStaysPut() {
        Schedule s = Schedule.constant(0.01);
        assertThat(s.lr(0)).isEqualTo(0.01);
        assertThat(s.lr(1_000_000)).isEqualTo(0.01);
    }

    @Test
    void polyIsNnUnetsFormula() {
        Schedule s = Schedule.poly(0.01, 1000);
        assertThat(s.lr(0)).isEqualTo(0.01);
        // 0.01·(1 − 500/1000)^0.9 = 0.01·0.5^0.9
        assertThat(s.lr(500)).isCloseTo(0.01 * Math.pow(0.5, 0.9), within(1e-15));
        assertThat(s.lr(1000)).isEqualTo(0.0);
        assertThat(s.lr(2000)).isEqualTo(0.0);
    }

    @Test
    void cosineGoesFromBaseToMinimum() {
        Schedule s = Schedule.cosine(1.0, 100, 0.1);
        assertThat(s.lr(0)).isEqualTo(1.0);
        assertThat(s.lr(50)).isCloseTo(0.55, within(1e-12));
        assertThat(s.lr(100)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void warmupRampsLinearlyThenDecays() {
        Schedule s = Schedule.cosine(1.0, 110, 0).withWarmup(10);
        assertThat(s.lr(0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.lr(4)).isCloseTo(0.5, within(1e-12));
        assertThat(s.lr(10)).isEqualTo(1.0);
        assertThat(s.lr(60)).isCloseTo(0.5, within(1e-12));
        Schedule p = Schedule.poly(0.02, 20).withWarmup(10);
        assertThat(p.lr(15)).isCloseTo(0.02 * Math.pow(0.5, 0.9), within(1e-15));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> Schedule.poly(-1, 10)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> Schedule.poly(0.1, 10).withWarmup(11)).hasMessageContaining("warmup");
        assertThatThrownBy(() -> OptimizerConfig.sgd(Schedule.constant(0.1), 0, true, 0)).hasMessageContaining("Nesterov");
    }

    @Test
    void configsRoundTripThroughJson() {
        OptimizerConfig o = OptimizerConfig.sgd(Schedule.poly(0.01, 1000).withWarmup(50), 0.99, true, 3e-5).withClipNorm(12);
        String json = Json.write(o);
        assertThat(json).contains("\"POLY\"").contains("\"nesterov\" : true");
        assertThat(Json.read(json, OptimizerConfig.class)).isEqualTo(o);
        LoopConfig l = LoopConfig.of(100, 42, "/tmp/x").withCheckpointEvery(10, 3).withValidateEvery(25);
        assertThat(Json.read(Json.write(l), LoopConfig.class)).isEqualTo(l);
        assertThatThrownBy(() -> Json.read("{\"steps\": 0, \"seed\": 1, \"logEvery\": 1, \"validateEvery\": 0,"
            + " \"checkpointEvery\": 0, \"keepCheckpoints\": 1, \"outputDir\": \"x\"}", LoopConfig.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps must be >= 1");
    }
}
