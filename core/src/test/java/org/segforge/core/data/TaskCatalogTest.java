package org.segforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.junit.jupiter.api.Test;

class TaskCatalogTest {
    @Test
    void listsExactSizesOfTheSyntheticVolume() {
        TaskCatalog cat = TaskCatalog.of("syn", TaskBuilderTest.synthetic("s").label());
        List<TaskSummary> list = cat.listPerValue(Map.of(1, "box"), List.of(Axis.AXIAL, Axis.SAGITTAL), ForegroundThreshold.anyForeground());
        assertThat(list).extracting(TaskSummary::name).containsExactly(
            "syn/box/sagittal", "syn/box/axial", "syn/label_2/sagittal", "syn/label_2/axial", "syn/label_5/sagittal", "syn/label_5/axial");
        TaskSummary boxAxial = list.get(1);
        assertThat(boxAxial.slices()).isEqualTo(4);
        assertThat(boxAxial.foregroundVoxels()).isEqualTo(24);
        assertThat(boxAxial.largestSlice()).isEqualTo(6);
        assertThat(boxAxial.firstSlice()).isZero();
        assertThat(boxAxial.lastSlice()).isEqualTo(3);
        assertThat(cat.counts().voxels(2)).isEqualTo(3);
        assertThat(cat.counts().voxels(3)).isZero();
        assertThat(cat.counts().values()).containsExactly(1, 2, 5);
    }

    /** Property: on random label maps the catalog agrees with a brute-force count and with the builder. */
    @Test
    void agreesWithBruteForceAndWithTheBuilderOnRandomLabelMaps() {
        for (long seed = 0; seed < 5; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            int nx = 5 + rng.nextInt(12), ny = 5 + rng.nextInt(12), nz = 3 + rng.nextInt(12);
            Volume label = Volume.zeros(nx, ny, nz, null);
            for (int i = 0; i < label.data().length; i++) {
                label.data()[i] = rng.nextInt(10) < 7 ? 0 : 1 + rng.nextInt(6);
            }
            Case c = Case.of("r", label.copy(), label);
            TaskCatalog cat = TaskCatalog.of("r", label);
            ForegroundThreshold min = ForegroundThreshold.voxels(1 + rng.nextInt(4));
            List<TaskSummary> summaries = cat.listPerValue(null, List.of(Axis.values()), min);
            List<Task> tasks = new TaskBuilder("r", List.of(c)).minForeground(min).buildPerValue(null, List.of(Axis.values()));
            assertThat(summaries).hasSameSizeAs(tasks);
            for (int t = 0; t < tasks.size(); t++) {
                TaskSummary s = summaries.get(t);
                Task task = tasks.get(t);
                assertThat(task.name()).isEqualTo(s.name());
                assertThat(task.size()).isEqualTo(s.slices());
                long fg = task.samples().stream().mapToLong(TaskSample::foregroundPixels).sum();
                assertThat(fg).isEqualTo(s.foregroundVoxels());
                // brute force: cut every slice and count the value directly
                int value = s.grouping().foregroundValues().iterator().next();
                int kept = 0;
                for (int i = 0; i < Slices.count(label, s.axis()); i++) {
                    int n = 0;
                    for (float v : Slices.extract(label, s.axis(), i).data()) {
                        n += v == value ? 1 : 0;
                    }
                    kept += n >= min.amount() ? 1 : 0;
                }
                assertThat(s.slices()).as("seed %d %s", seed, s.name()).isEqualTo(kept);
            }
        }
    }
}
