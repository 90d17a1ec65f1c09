package org.segforge.nn.dan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;

class DanConfigTest {
    @Test
    void linearRampRisesFromStartToMaxAndStays() {
        LambdaSchedule s = LambdaSchedule.linear(0.1, 1.0, 10);
        assertThat(s.value(0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.value(5)).isCloseTo(0.55, within(1e-12));
        assertThat(s.value(10)).isCloseTo(1.0, within(1e-12));
        assertThat(s.value(1000)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void sigmoidRampFollowsExpOfMinusFiveOneMinusRSquared() {
        LambdaSchedule s = LambdaSchedule.sigmoid(0.0, 0.5, 10);
        // exp(-5) · 0.5, exp(-5 · 0.25) · 0.5, 0.5
        assertThat(s.value(0)).isCloseTo(0.5 * 0.006737946999085467, within(1e-12));
        assertThat(s.value(5)).isCloseTo(0.5 * 0.28650479686019015, within(1e-12));
        assertThat(s.value(10)).isCloseTo(0.5, within(1e-12));
        double prev = -1;
        for (long t = 0; t <= 12; t++) {
            assertThat(s.value(t)).isGreaterThanOrEqualTo(prev).isLessThanOrEqualTo(0.5);
            prev = s.value(t);
        }
        assertThat(new LambdaSchedule(LambdaSchedule.Shape.CONSTANT, 0, 0.3, 1).value(0)).isEqualTo(0.3);
    }

    @Test
    void lambdaAboveOneOrStartAboveMaxIsRefused() {
        assertThatThrownBy(() -> LambdaSchedule.linear(0, 1.5, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LambdaSchedule.linear(0.5, 0.2, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LambdaSchedule.linear(0, 0.2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void presetsRoundTripThroughJson() throws Exception {
        for (DanConfig c : new DanConfig[] {DanConfig.cpu(3), DanConfig.paper(2).withEnInput(EnInput.PRODUCT).withSeed(7)}) {
            assertThat(DanConfig.fromJson(c.toJson())).isEqualTo(c);
        }
        assertThat(DanConfig.preset("CPU", 4).classes()).isEqualTo(4);
        assertThat(DanConfig.cpu(2).steps()).isEqualTo(300);
    }

    @Test
    void invalidJsonIsADataException() {
        String json = DanConfig.cpu(2).toJson().replace("\"patchWidth\" : 96", "\"patchWidth\" : 95");
        assertThatThrownBy(() -> DanConfig.fromJson(json)).isInstanceOf(DataException.class).hasMessageContaining("patch");
        assertThatThrownBy(() -> DanConfig.fromJson("{}")).isInstanceOf(DataException.class);
    }

    @Test
    void enInputChannels() {
        assertThat(EnInput.STACK.channels(3)).isEqualTo(4);
        assertThat(EnInput.PRODUCT.channels(3)).isEqualTo(6);
        assertThat(EnInput.parse(" Product")).isEqualTo(EnInput.PRODUCT);
        assertThatThrownBy(() -> EnInput.parse("both")).isInstanceOf(IllegalArgumentException.class);
    }
}
