package org.segforge.nn.wgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;

class WganConfigTest {
    @Test
    void presetsRoundTripThroughJson() throws Exception {
        for (String p : List.of("paper", "cpu", "cpu2d")) {
            for (CriticVariant v : CriticVariant.values()) {
                WganConfig c = WganConfig.preset(p, v);
                assertThat(WganConfig.fromJson(c.toJson())).isEqualTo(c);
            }
        }
        WganConfig paper = WganConfig.paper(CriticVariant.GP);
        assertThat(paper.size()).containsExactly(128, 128, 64);
        assertThat(paper.batch()).isEqualTo(4);
        assertThat(paper.latent()).isEqualTo(128);
        assertThat(paper.lambda()).isEqualTo(10);
        assertThat(paper.criticLr()).isEqualTo(4e-4);
        assertThat(paper.generatorLr()).isEqualTo(2e-4);
        assertThat(List.of(paper.beta1(), paper.beta2())).containsExactly(0.0, 0.9);
        assertThat(paper.sampleShape()).containsExactly(2, 64, 128, 128);
        assertThat(WganConfig.cpu2d(CriticVariant.GP).dims()).isEqualTo(2);
        assertThat(WganConfig.cpu(CriticVariant.GP).sampleShape()).containsExactly(2, 16, 32, 32);
    }

    @Test
    void variantsParseByTheirCommandLineNames() {
        assertThat(CriticVariant.parse("gp")).isEqualTo(CriticVariant.GP);
        assertThat(CriticVariant.parse("SN")).isEqualTo(CriticVariant.SN);
        assertThat(CriticVariant.parse("sn-mp")).isEqualTo(CriticVariant.SN_MP);
        assertThat(CriticVariant.parse("c-sn-mp")).isEqualTo(CriticVariant.C_SN_MP);
        assertThat(CriticVariant.parse("C_SN_MP")).isEqualTo(CriticVariant.C_SN_MP);
        assertThat(CriticVariant.parse("dp")).isEqualTo(CriticVariant.DP);
        assertThatThrownBy(() -> CriticVariant.parse("wgan")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gp|sn|sn-mp|c-sn-mp|dp");
        WganConfig c = WganConfig.cpu(CriticVariant.C_SN_MP);
        assertThat(c.criticFilters(0)).isEqualTo(2 * WganConfig.cpu(CriticVariant.SN_MP).criticFilters(0));
        assertThat(c.criticFilters(2)).isEqualTo(2 * 16 * 4);
    }

    @Test
    void mixedPrecisionIsRecordedAsUnavailableOnCpu() {
        Precision p = Precision.resolve(CriticVariant.SN_MP, Device.cpu());
        assertThat(p.requested()).isTrue();
        assertThat(p.active()).isFalse();
        assertThat(p.dataType()).isEqualTo("FLOAT32");
        assertThat(p.note()).contains("requested but unavailable");
        assertThat(Precision.resolve(CriticVariant.GP, Device.cpu()).requested()).isFalse();
    }

    @Test
    void invalidConfigsAreRejectedWithTheReason() {
        WganConfig c = WganConfig.cpu(CriticVariant.GP);
        assertThatThrownBy(() -> c.withShape(List.of(24, 32, 16), 128, 16, 16, 3, 4)).hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> c.withShape(List.of(32), 128, 16, 16, 3, 4)).hasMessageContaining("2 (2D) or 3 (3D)");
        assertThatThrownBy(() -> c.withBatch(0, 5)).hasMessageContaining("batch");
        assertThatThrownBy(() -> WganConfig.preset("huge", CriticVariant.GP)).hasMessageContaining("paper, cpu or cpu2d");
        assertThatThrownBy(() -> WganConfig.fromJson("{\"size\": [32, 32]}")).isInstanceOf(DataException.class);
    }
}
