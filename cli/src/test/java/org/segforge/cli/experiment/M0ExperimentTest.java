package org.segforge.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segforge.core.data.LabelGrouping;
import org.segforge.core.io.dataset.LabelTableFile;

class M0ExperimentTest {
    @Test
    void aalRegionsGroupIntoFourLobesByName() throws Exception {
        Map<Integer, String> names = LabelTableFile.read(
            java.nio.file.Path.of(System.getProperty("segforge.root", "..")).resolve("data/demo/colin27/aal.nii.txt"));
        LabelGrouping g = M0Experiment.lobes(names);
        assertThat(g.classNames()).containsExactly("background", "frontal", "parietal", "temporal", "occipital");
        // value → name from aal.nii.txt: 1 Precentral_L, 29 Insula_L, 45 Cuneus_L, 67 Precuneus_L, 37 Hippocampus_L
        assertThat(g.classes().get(0).values()).contains(1).doesNotContain(29);
        assertThat(g.classes().get(1).values()).contains(67).doesNotContain(45);
        assertThat(g.classes().get(2).values()).contains(37);
        assertThat(g.classes().get(3).values()).contains(45).doesNotContain(67);
        assertThat(g.foregroundValues()).doesNotContain(29, 71, 91); // insula, caudate, cerebellum stay background
    }
}
