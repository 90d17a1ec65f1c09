package org.segforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Volume;
import org.junit.jupiter.api.Test;

class TaskBuilderTest {
    static final int NX = 10, NY = 8, NZ = 6;
    static final Affine AFFINE = Affine.of(2, 0, 0, -10, 0, 1.5, 0, 5, 0, 0, 3, 7, 0, 0, 0, 1);

    /**
     * Image value = voxel index (so a slice's content identifies where it came from). Labels:
     * value 1 on the box x 2..4, y 1..2, z 0..3 (3×2×4 = 24 voxels); value 2 on the line
     * x = 7, y = 6, z 3..5 (3 voxels); value 5 at the single voxel (0, 0, 5).
     */
    static Case synthetic(String id) {
        Volume image = Volume.zeros(NX, NY, NZ, AFFINE);
        Volume label = Volume.zeros(NX, NY, NZ, AFFINE);
        for (int i = 0; i < image.data().length; i++) {
            image.data()[i] = i;
        }
        for (int z = 0; z <= 3; z++) {
            for (int y = 1; y <= 2; y++) {
                for (int x = 2; x <= 4; x++) {
                    label.set(x, y, z, 1);
                }
            }
        }
        for (int z = 3; z <= 5; z++) {
            label.set(7, 6, z, 2);
        }
        label.set(0, 0, 5, 5);
        return Case.of(id, image, label);
    }

    @Test
    void binaryTaskPerValueHasExactSliceCounts() {
        TaskBuilder b = new TaskBuilder("syn", List.of(synthetic("s1")));
        List<Task> tasks = b.buildPerValue(Map.of(1, "box", 2, "line"), List.of(Axis.values()));
        // values 1, 2, 5 × three axes, groupings outer, axes in sagittal/coronal/axial order
        assertThat(tasks).extracting(Task::name).containsExactly(
            "syn/box/sagittal", "syn/box/coronal", "syn/box/axial",
            "syn/line/sagittal", "syn/line/coronal", "syn/line/axial",
            "syn/label_5/sagittal", "syn/label_5/coronal", "syn/label_5/axial");
        // box: x 2..4 → 3 sagittal, y 1..2 → 2 coronal, z 0..3 → 4 axial
        // line: x = 7 → 1, y = 6 → 1, z 3..5 → 3; point: 1 each
        assertThat(tasks).extracting(Task::size).containsExactly(3, 2, 4, 1, 1, 3, 1, 1, 1);
        Task boxAxial = tasks.get(2);
        assertThat(boxAxial.samples()).extracting(TaskSample::sliceIndex).containsExactly(0, 1, 2, 3);
        assertThat(boxAxial.classNames()).containsExactly("background", "box");
        assertThat(boxAxial.isBinary()).isTrue();
        assertThat(boxAxial.samples()).allSatisfy(s -> assertThat(s.foregroundPixels()).isEqualTo(6));
        assertThat(tasks.get(0).samples()).allSatisfy(s -> assertThat(s.foregroundPixels()).isEqualTo(8));
    }

    @Test
    void slicesKeepRawImageValuesGeometryAndBinaryLabels() {
        Task t = new TaskBuilder("syn", List.of(synthetic("s1"))).build(LabelGrouping.binary("line", Set.of(2)), Axis.AXIAL);
        TaskSample s = t.samples().get(0);
        assertThat(s.sliceIndex()).isEqualTo(3);
        assertThat(s.id()).isEqualTo("s1:3");
        // axial slice z = 3: pixel (x, y) holds voxel index x + NX * (y + NY * 3), raw
        assertThat(s.image().get(7, 6, 0)).isEqualTo(7 + NX * (6 + NY * 3));
        assertThat(s.label().get(7, 6, 0)).isEqualTo(1f);
        // the box (value 1) is background in this task
        assertThat(s.label().get(2, 1, 0)).isEqualTo(0f);
        // geometry: pixel (7, 6) of slice 3 is at the world point of voxel (7, 6, 3)
        assertThat(s.image().affine().apply(7, 6, 0)).containsExactly(AFFINE.apply(7, 6, 3));
        assertThat(s.label().affine()).isEqualTo(s.image().affine());
    }

    @Test
    void multiClassGroupingRemapsToClassIndices() {
        Map<String, Set<Integer>> classes = new LinkedHashMap<>();
        classes.put("line", Set.of(2));
        classes.put("box+point", Set.of(1, 5));
        Task t = new TaskBuilder("syn", List.of(synthetic("s1")))
            .build(LabelGrouping.multiClass("all", classes), Axis.AXIAL);
        assertThat(t.classNames()).containsExactly("background", "line", "box+point");
        // union foreground on z = 0..5: box z 0..3, line z 3..5, point z 5 → all 6 slices
        assertThat(t.size()).isEqualTo(6);
        TaskSample z5 = t.samples().get(5);
        assertThat(z5.label().get(7, 6, 0)).isEqualTo(1f);
        assertThat(z5.label().get(0, 0, 0)).isEqualTo(2f);
        assertThat(t.samples().get(0).label().get(3, 2, 0)).isEqualTo(2f);
        assertThat(t.metadata()).containsEntry("grouping", "all").containsEntry("classes", "line=[2]; box+point=[1, 5]");
    }

    @Test
    void foregroundThresholdAsCountOrFraction() {
        Case c = synthetic("s1");
        LabelGrouping box = LabelGrouping.binary("box", Set.of(1));
        // 6 voxels per axial slice, 8 per sagittal slice
        assertThat(new TaskBuilder("syn", List.of(c)).minForeground(ForegroundThreshold.voxels(7)).build(box, Axis.AXIAL).size()).isZero();
        assertThat(new TaskBuilder("syn", List.of(c)).minForeground(ForegroundThreshold.voxels(7)).build(box, Axis.SAGITTAL).size()).isEqualTo(3);
        // axial slice area 80: 6/80 = 0.075
        assertThat(new TaskBuilder("syn", List.of(c)).minForeground(ForegroundThreshold.fractionOfSlice(0.075)).build(box, Axis.AXIAL).size()).isEqualTo(4);
        assertThat(new TaskBuilder("syn", List.of(c)).minForeground(ForegroundThreshold.fractionOfSlice(0.076)).build(box, Axis.AXIAL).size()).isZero();
        // zero keeps every slice, even empty ones
        assertThat(new TaskBuilder("syn", List.of(c)).minForeground(ForegroundThreshold.voxels(0)).build(box, Axis.AXIAL).size()).isEqualTo(NZ);
    }

    @Test
    void severalSubjectsAndChannelsShareOneTask() {
        Case a = synthetic("a");
        Case b0 = synthetic("b");
        Volume second = b0.channels().get(0).copy();
        for (int i = 0; i < second.data().length; i++) {
            second.data()[i] = -second.data()[i];
        }
        Case b = new Case("b", List.of(b0.channels().get(0), second), b0.label());
        assertThatThrownBy(() -> new TaskBuilder("syn", List.of(a, synthetic("a")))).isInstanceOf(IllegalArgumentException.class);
        Task t = new TaskBuilder("syn", List.of(b)).build(LabelGrouping.binary("box", Set.of(1)), Axis.CORONAL);
        assertThat(t.size()).isEqualTo(2);
        Volume img = t.samples().get(0).image();
        assertThat(img.nt()).isEqualTo(2);
        assertThat(img.get(3, 2, 0, 1)).isEqualTo(-img.get(3, 2, 0, 0));
        Task both = new TaskBuilder("syn", List.of(a, synthetic("c"))).build(LabelGrouping.binary("box", Set.of(1)), Axis.CORONAL);
        assertThat(both.subjects()).containsExactly("a", "c");
        assertThat(both.samplesOfSubjects(List.of("c"))).extracting(TaskSample::id).containsExactly("c:1", "c:2");
    }

    @Test
    void imageSlicesAreSharedBetweenTasksOfOneCall() {
        List<Task> tasks = new TaskBuilder("syn", List.of(synthetic("s1")))
            .build(List.of(LabelGrouping.binary("box", Set.of(1)), LabelGrouping.binary("line", Set.of(2))), List.of(Axis.AXIAL));
        // slice z = 3 holds both; the second task reuses the first's image slice
        assertThat(tasks.get(1).samples().get(0).image()).isSameAs(tasks.get(0).samples().get(3).image());
    }

    @Test
    void refusesUnlabelledSubjectsAndNonIntegralLabels() {
        Case c = synthetic("s1");
        assertThatThrownBy(() -> new TaskBuilder("syn", List.of(Case.of("u", c.channels().get(0), null))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no label map");
        Volume bad = c.label().copy();
        bad.set(1, 1, 1, 0.5f);
        TaskBuilder b = new TaskBuilder("syn", List.of(Case.of("s1", c.channels().get(0), bad)));
        assertThatThrownBy(() -> b.build(LabelGrouping.binary("box", Set.of(1)), Axis.AXIAL))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5 at voxel (1, 1, 1)");
    }
}
