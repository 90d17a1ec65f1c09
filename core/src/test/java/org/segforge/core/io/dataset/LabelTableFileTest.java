package org.segforge.core.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelTableFileTest {
    @Test
    void readsTheAalTable() throws Exception {
        Map<Integer, String> aal = LabelTableFile.read(SharedData.file("colin27/aal.nii.txt"));
        // aal.nii.txt: 116 lines "VALUE NAME CODE", values 1..116
        assertThat(aal).hasSize(116).containsEntry(1, "Precentral_L").containsEntry(2, "Precentral_R");
        assertThat(aal.keySet()).allSatisfy(v -> assertThat(v).isBetween(1, 116));
    }

    @Test
    void namesTheBadLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "# comment\n1 a\n\nx b\n");
        assertThatThrownBy(() -> LabelTableFile.read(f)).isInstanceOf(DataException.class).hasMessageContaining("line 4");
    }
}
