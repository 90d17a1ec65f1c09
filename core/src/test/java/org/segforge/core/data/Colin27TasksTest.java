package org.segforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segforge.core.SharedData;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Labels;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.dataset.LabelTableFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tasks on real data. Every expected number comes from
 * {@code /usr/bin/python3 core/src/test/resources/reference/colin27_task_counts.py ../shared/data}
 * (numpy/nibabel; arrays indexed [x, y, z] = axes sagittal, coronal, axial); its output lines are
 * quoted next to each assertion.
 */
class Colin27TasksTest {
    static Volume ch2, aal, brain;
    static Map<Integer, String> aalNames;

    @BeforeAll
    static void read() throws Exception {
        ch2 = ImageFiles.readVolume(SharedData.file("colin27/ch2.nii.gz"));
        aal = ImageFiles.readVolume(SharedData.file("colin27/aal.nii.gz"));
        brain = Labels.nonzero(ImageFiles.readVolume(SharedData.file("colin27/ch2bet.nii.gz")));
        aalNames = LabelTableFile.read(SharedData.file("colin27/aal.nii.txt"));
    }

    @Test
    void catalogListsEveryAalRegionOnEveryAxisQuickly() {
        long t0 = System.nanoTime();
        TaskCatalog cat = TaskCatalog.of("colin27-aal", aal);
        List<TaskSummary> all = cat.listPerValue(aalNames, List.of(Axis.values()), ForegroundThreshold.anyForeground());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("TaskCatalog: %d AAL tasks listed in %.3f s%n", all.size(), seconds);
        assertThat(seconds).isLessThan(3.0);
        // "aal values present 116 max 116"
        assertThat(all).hasSize(116 * 3);
        // "aal all regions x 3 axes total slices 13383"
        assertThat(all.stream().mapToInt(TaskSummary::slices).sum()).isEqualTo(13383);
        // "aal 1 axis 0/1/2 slices,fg,largest,first,last (51, 28174, 976, 26, 76) (48, 28174, 1088, 94, 141) (68, 28174, 730, 86, 153)"
        assertThat(all.subList(0, 3)).containsExactly(
            summary(cat, 1, Axis.SAGITTAL, 51, 28174, 976, 26, 76),
            summary(cat, 1, Axis.CORONAL, 48, 28174, 1088, 94, 141),
            summary(cat, 1, Axis.AXIAL, 68, 28174, 730, 86, 153));
        assertThat(all.get(0).name()).isEqualTo("colin27-aal/Precentral_L/sagittal");
        // "aal 2 axis 2 (69, 27058, 748, 85, 153)", "aal 37 axis 1 (41, 7469, 297, 85, 125)", "aal 116 axis 0 (15, 874, 104, 84, 98)"
        assertThat(find(all, 2, Axis.AXIAL)).isEqualTo(summary(cat, 2, Axis.AXIAL, 69, 27058, 748, 85, 153));
        assertThat(find(all, 37, Axis.CORONAL)).isEqualTo(summary(cat, 37, Axis.CORONAL, 41, 7469, 297, 85, 125));
        assertThat(find(all, 116, Axis.SAGITTAL)).isEqualTo(summary(cat, 116, Axis.SAGITTAL, 15, 874, 104, 84, 98));
        assertThat(cat.counts().voxels(116)).isEqualTo(874);
    }

    private static TaskSummary summary(TaskCatalog cat, int value, Axis axis, int slices, long fg, int largest, int first, int last) {
        LabelGrouping g = LabelGrouping.binary(aalNames.get(value), Set.of(value));
        return new TaskSummary(TaskCatalog.taskName("colin27-aal", g.name(), axis), g, axis, slices, fg, largest, first, last);
    }

    private static TaskSummary find(List<TaskSummary> all, int value, Axis axis) {
        return all.stream().filter(s -> s.grouping().foregroundValues().equals(Set.of(value)) && s.axis() == axis).findFirst().orElseThrow();
    }

    @Test
    void builderCutsTheSlicesNumpyCounts() {
        TaskBuilder b = new TaskBuilder("colin27-aal", List.of(Case.of("colin27", ch2, aal)));
        Task t = b.build(LabelGrouping.binary("Precentral_L", Set.of(1)), Axis.AXIAL);
        // "aal 1 axis 2 ... (68, 28174, 730, 86, 153)"
        assertThat(t.size()).isEqualTo(68);
        assertThat(t.samples().get(0).sliceIndex()).isEqualTo(86);
        assertThat(t.samples().get(67).sliceIndex()).isEqualTo(153);
        assertThat(t.samples().stream().mapToLong(TaskSample::foregroundPixels).sum()).isEqualTo(28174);
        assertThat(t.samples().get(0).image().nx()).isEqualTo(181);
        assertThat(t.samples().get(0).image().ny()).isEqualTo(217);
        // raw T1 values: the slice holds exactly the volume's voxels
        assertThat(t.samples().get(10).image().get(90, 100, 0)).isEqualTo(ch2.get(90, 100, 96));
        // "aal region 1, axial, >= 100 voxels (63, 27906, 730, 91, 153)"
        Task t100 = b.minForeground(ForegroundThreshold.voxels(100)).build(LabelGrouping.binary("Precentral_L", Set.of(1)), Axis.AXIAL);
        assertThat(t100.size()).isEqualTo(63);
        assertThat(t100.samples().get(0).sliceIndex()).isEqualTo(91);
        assertThat(t100.samples().stream().mapToLong(TaskSample::foregroundPixels).sum()).isEqualTo(27906);
    }

    @Test
    void multiClassAndGroupedTasksOnAal() {
        TaskBuilder b = new TaskBuilder("colin27-aal", List.of(Case.of("colin27", ch2, aal)));
        Map<String, Set<Integer>> classes = new java.util.LinkedHashMap<>();
        classes.put("Precentral_L", Set.of(1));
        classes.put("Precentral_R", Set.of(2));
        Task multi = b.build(LabelGrouping.multiClass("precentral", classes), Axis.AXIAL);
        // "aal {1,2} axial (69, 55232, 1385, 85, 153)"
        assertThat(multi.size()).isEqualTo(69);
        assertThat(multi.classNames()).containsExactly("background", "Precentral_L", "Precentral_R");
        long left = 0, right = 0;
        for (TaskSample s : multi.samples()) {
            for (float v : s.label().data()) {
                left += v == 1 ? 1 : 0;
                right += v == 2 ? 1 : 0;
            }
        }
        // "aal 1 ... voxels 28174", "aal 2 ... voxels 27058"
        assertThat(left).isEqualTo(28174);
        assertThat(right).isEqualTo(27058);
        Task both = b.buildGroups(Map.of("precentral", Set.of(1, 2)), List.of(Axis.AXIAL)).get(0);
        assertThat(both.isBinary()).isTrue();
        assertThat(both.size()).isEqualTo(69);
        assertThat(both.samples().stream().mapToLong(TaskSample::foregroundPixels).sum()).isEqualTo(55232);
    }

    @Test
    void brainMaskTasks() {
        TaskCatalog cat = TaskCatalog.of("colin27-brain", brain);
        LabelGrouping g = LabelGrouping.binary("brain", Set.of(1));
        // "brain axis 0 (144, 1737193, 17315, 18, 161)", "axis 1 (180, 1737193, 15533, 19, 198)", "axis 2 (152, 1737193, 19504, 4, 155)"
        assertThat(cat.list(List.of(g), List.of(Axis.values()), ForegroundThreshold.anyForeground()))
            .extracting(TaskSummary::slices).containsExactly(144, 180, 152);
        // "brain axial >= 5% of 181*217 (134, 1726503, 19504, 14, 147)"
        TaskSummary five = cat.summarise(g, Axis.AXIAL, ForegroundThreshold.fractionOfSlice(0.05));
        assertThat(five.slices()).isEqualTo(134);
        assertThat(five.foregroundVoxels()).isEqualTo(1726503);
        assertThat(five.firstSlice()).isEqualTo(14);
        assertThat(five.lastSlice()).isEqualTo(147);
        Task t = new TaskBuilder("colin27-brain", List.of(Case.of("colin27", ch2, brain)))
            .minForeground(ForegroundThreshold.fractionOfSlice(0.05)).build(g, Axis.AXIAL);
        assertThat(t.size()).isEqualTo(134);
    }

    /** A partial-annotation split of a real task: 5 labelled slices, the rest for testing, gap 3. */
    @Test
    void sliceSplitOfARealTaskDoesNotLeak() {
        Task t = new TaskBuilder("colin27-aal", List.of(Case.of("colin27", ch2, aal)))
            .build(LabelGrouping.binary("Precentral_L", Set.of(1)), Axis.AXIAL);
        SplitSizes sizes = SplitSizes.of(SplitSize.count(5), SplitSize.none(), SplitSize.rest());
        for (long seed = 0; seed < 20; seed++) {
            Fold f = Splits.bySliceRanges(t, sizes, 3, seed);
            assertThat(f.train()).hasSize(5);
            assertThat(Splits.minSliceDistance(f)).isGreaterThan(3);
            // 68 slices, at most 2 × 3 gap slices dropped around the training run
            assertThat(f.test().size()).isBetween(68 - 5 - 6, 68 - 5 - 3);
            assertThat(Splits.bySliceRanges(t, sizes, 3, seed)).isEqualTo(f);
        }
    }

    /** Real lesion shapes on the Colin27 grid: several subjects, split by subject. */
    @Test
    void lesionSubjectsSplitBySubject() throws Exception {
        List<Case> subjects = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            subjects.add(Case.of("lesion" + i, ch2, ImageFiles.readVolume(SharedData.file("lesions/lesion" + i + ".nii.gz"))));
        }
        Task t = new TaskBuilder("lesions", subjects).build(LabelGrouping.binary("lesion", Set.of(1)), Axis.AXIAL);
        // "lesion1 voxels 42008 axial (56, 42008, 1382, 51, 106)"
        assertThat(t.samplesOfSubjects(List.of("lesion1"))).hasSize(56);
        assertThat(t.samplesOfSubjects(List.of("lesion1")).stream().mapToLong(TaskSample::foregroundPixels).sum()).isEqualTo(42008);
        Fold f = Splits.bySubject(t, SplitSizes.counts(1, 1, 1), 2026);
        assertThat(f.size()).isEqualTo(3);
        List<TaskSample> train = t.samplesOfSubjects(f.train()), test = t.samplesOfSubjects(f.test());
        assertThat(train).extracting(TaskSample::subjectId).doesNotContainAnyElementsOf(f.test());
        assertThat(test.stream().map(TaskSample::subjectId).distinct()).containsExactlyInAnyOrderElementsOf(f.test());
    }
}
