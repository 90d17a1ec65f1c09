package org.segforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.junit.jupiter.api.Test;

class CaseAndDatasetTest {
    static final Affine A = Affine.of(1, 0, 0, 10, 0, 1, 0, 20, 0, 0, 2, 30, 0, 0, 0, 1);

    @Test
    void caseRefusesAnotherGridButToleratesRounding() {
        Volume img = Volume.zeros(4, 3, 2, A);
        assertThatThrownBy(() -> Case.of("c", img, Volume.zeros(4, 3, 3, A)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("case c: label differs from the image: shape [4, 3, 3] vs [4, 3, 2]");
        Affine shifted = Affine.of(1, 0, 0, 10.001, 0, 1, 0, 20, 0, 0, 2, 30, 0, 0, 0, 1);
        assertThatThrownBy(() -> Case.of("c", img, Volume.zeros(4, 3, 2, shifted)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max difference 0.00100 mm");
        Affine rounded = Affine.of(1, 0, 0, 10.00005, 0, 1, 0, 20, 0, 0, 2, 30, 0, 0, 0, 1);
        assertThat(Case.of("c", img, Volume.zeros(4, 3, 2, rounded)).isLabelled()).isTrue();
        assertThatThrownBy(() -> new Case("c", List.of(img, Volume.zeros(4, 3, 1, A)), null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel 1 differs from channel 0");
        assertThatThrownBy(() -> new Case("c", List.of(new Volume(4, 3, 2, 2, new float[48], A)), null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split frames into channels");
        assertThatThrownBy(() -> Case.of(" ", img, null)).isInstanceOf(IllegalArgumentException.class);
        Case c = Case.of("c", img, null);
        assertThat(c.shape()).containsExactly(4, 3, 2);
        assertThat(c.affine()).isEqualTo(A);
    }

    @Test
    void datasetChecksIdsAndLabels() {
        Case c = Case.of("c", Volume.zeros(2, 2, 2, A), Volume.zeros(2, 2, 2, A));
        assertThatThrownBy(() -> Dataset.inMemory("d", List.of("T1"), Map.of(1, "x"), List.of(c), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 0 (background)");
        assertThatThrownBy(() -> Dataset.inMemory("d", List.of("T1"), Map.of(0, "bg"), List.of(c), List.of(c)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("case id c appears twice");
        Dataset d = Dataset.inMemory("d", List.of("T1"), Map.of(2, "b", 0, "bg", 1, "a"), List.of(c), List.of());
        assertThat(d.labelNames()).containsExactly("bg", "a", "b");
        assertThat(d.trainingCase("c")).isSameAs(c);
        assertThat(d.trainingCase("nope")).isNull();
    }
}
