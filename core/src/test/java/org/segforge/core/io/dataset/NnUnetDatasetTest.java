package org.segforge.core.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.data.Case;
import org.segforge.core.data.CaseSource;
import org.segforge.core.data.Dataset;
import org.segforge.core.data.DatasetProvenance;
import org.segforge.core.data.LabelGrouping;
import org.segforge.core.data.Task;
import org.segforge.core.data.TaskBuilder;
import org.segforge.core.data.TaskSample;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Box;
import org.segforge.core.image.CropPad;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NnUnetDatasetTest {
    // values exactly representable in float32, which NIfTI's srow fields hold
    static final Affine AFFINE = Affine.of(1.5, 0, 0, -12, 0, 1.25, 0, 8.5, 0, 0, 2, -30, 0, 0, 0, 1);
    static final Map<Integer, String> LABELS = Map.of(0, "background", 1, "brain", 2, "lesion");

    @TempDir
    Path dir;

    /** A 6×5×4 two-channel case; channel values and the label depend on the seed. */
    static Case synthetic(String id, int seed, boolean labelled) {
        Volume t1 = Volume.zeros(6, 5, 4, AFFINE), flair = Volume.zeros(6, 5, 4, AFFINE), label = Volume.zeros(6, 5, 4, AFFINE);
        for (int i = 0; i < t1.data().length; i++) {
            t1.data()[i] = (i * 7 + seed * 13) % 200;
            flair.data()[i] = (i * 3 + seed) % 50 - 20.5f;
            label.data()[i] = (i + seed) % 5 == 0 ? 2 : (i + seed) % 3 == 0 ? 1 : 0;
        }
        return new Case(id, List.of(t1, flair), labelled ? label : null);
    }

    static Dataset syntheticDataset(int cases) {
        List<Case> training = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            training.add(synthetic(String.format("case_%03d", i), i, true));
        }
        return Dataset.inMemory("Dataset042_Synthetic", List.of("T1", "FLAIR"), LABELS, training,
            List.of(synthetic("unseen_001", 99, false)));
    }

    @Test
    void writeThenReadRoundTrips() throws Exception {
        Dataset original = syntheticDataset(3);
        Path target = dir.resolve("Dataset042_Synthetic");
        NnUnetDataset.write(original, target, false);

        assertThat(target.resolve("imagesTr/case_000_0000.nii.gz")).isRegularFile();
        assertThat(target.resolve("imagesTr/case_002_0001.nii.gz")).isRegularFile();
        assertThat(target.resolve("labelsTr/case_001.nii.gz")).isRegularFile();
        assertThat(target.resolve("imagesTs/unseen_001_0001.nii.gz")).isRegularFile();
        assertThat(ImageFiles.read(target.resolve("labelsTr/case_001.nii.gz")).storedType()).isEqualTo(DataType.UINT8);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("Dataset042_Synthetic"); // no temporary folder left
        }
        String json = Files.readString(target.resolve("dataset.json"));
        assertThat(json).contains("\"numTraining\" : 3").contains("\"source_fingerprint\" : \"" + original.provenance().fingerprint() + "\"");

        Dataset read = NnUnetDataset.read(target);
        assertThat(read.name()).isEqualTo("Dataset042_Synthetic");
        assertThat(read.channelNames()).containsExactly("T1", "FLAIR");
        assertThat(read.labels()).isEqualTo(LABELS);
        assertThat(read.training()).extracting(CaseSource::id).containsExactly("case_000", "case_001", "case_002");
        assertThat(read.test()).extracting(CaseSource::id).containsExactly("unseen_001");
        assertThat(read.provenance().fingerprintOf()).isEqualTo(DatasetProvenance.FILES);
        assertThat(read.provenance().fingerprint()).hasSize(64).isEqualTo(NnUnetDataset.read(target, Validation.FILES).provenance().fingerprint());
        for (int i = 0; i < 3; i++) {
            Case a = original.training().get(i).load(), b = read.training().get(i).load();
            assertSameCase(a, b);
        }
        Case test = read.test().get(0).load();
        assertThat(test.isLabelled()).isFalse();
        assertSameCase(original.test().get(0).load(), test);
        // read lazily: a case is a set of paths until loaded
        assertThat(read.training().get(0)).isInstanceOf(CaseFiles.class);
    }

    static void assertSameCase(Case a, Case b) {
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.numChannels()).isEqualTo(a.numChannels());
        for (int c = 0; c < a.numChannels(); c++) {
            assertThat(b.channels().get(c).data()).isEqualTo(a.channels().get(c).data());
        }
        assertThat(b.affine().approxEquals(a.affine(), 1e-6)).isTrue();
        if (a.isLabelled()) {
            assertThat(b.label().data()).isEqualTo(a.label().data());
        }
    }

    @Test
    void refusesToOverwriteUnlessAskedAndCleansUpAfterFailure() throws Exception {
        Path target = dir.resolve("ds");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "precious");
        assertThatThrownBy(() -> NnUnetDataset.write(syntheticDataset(1), target, false))
            .isInstanceOf(DataException.class).hasMessageContaining("refusing to overwrite");
        assertThat(target.resolve("keep.txt")).hasContent("precious");

        // a case with an undeclared label value fails half-way: target untouched, no temporary folder left
        Case bad = synthetic("bad", 1, true);
        bad.label().data()[0] = 9;
        Dataset broken = Dataset.inMemory("x", List.of("T1", "FLAIR"), LABELS, List.of(synthetic("good", 0, true), bad), List.of());
        assertThatThrownBy(() -> NnUnetDataset.write(broken, target, true))
            .isInstanceOf(DataException.class).hasMessageContaining("case bad").hasMessageContaining("[9]");
        assertThat(target.resolve("keep.txt")).hasContent("precious");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("ds");
        }

        NnUnetDataset.write(syntheticDataset(2), target, true);
        assertThat(target.resolve("keep.txt")).doesNotExist();
        assertThat(NnUnetDataset.read(target).training()).hasSize(2);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("ds");
        }
        // an empty folder is no obstacle
        Path empty = Files.createDirectories(dir.resolve("empty"));
        NnUnetDataset.write(syntheticDataset(1), empty, false);
        assertThat(NnUnetDataset.read(empty).training()).hasSize(1);
    }

    /** Every kind of problem, each in its own case, all reported in one exception. */
    @Test
    void validationListsEveryBadCase() throws Exception {
        Path ds = dir.resolve("ds");
        NnUnetDataset.write(syntheticDataset(9), ds, false);
        Path img = ds.resolve("imagesTr"), lab = ds.resolve("labelsTr");
        // case_000: label of another shape
        ImageFiles.write(Volume.zeros(6, 5, 3, AFFINE), lab.resolve("case_000.nii.gz"), DataType.UINT8);
        // case_001: channel 1 shifted by half a millimetre
        Affine shifted = Affine.of(1.5, 0, 0, -11.5, 0, 1.25, 0, 8.5, 0, 0, 2, -30, 0, 0, 0, 1);
        ImageFiles.write(synthetic("case_001", 1, false).channels().get(1).withAffine(shifted), img.resolve("case_001_0001.nii.gz"));
        // case_002: no label
        Files.delete(lab.resolve("case_002.nii.gz"));
        // case_003: no channel 1
        Files.delete(img.resolve("case_003_0001.nii.gz"));
        // case_004: a label voxel of 0.5
        Volume frac = synthetic("case_004", 4, true).label().copy();
        frac.data()[7] = 0.5f;
        ImageFiles.write(frac, lab.resolve("case_004.nii.gz"), DataType.FLOAT32);
        // case_005: label value 7, not declared
        Volume seven = synthetic("case_005", 5, true).label().copy();
        seven.data()[3] = 7;
        ImageFiles.write(seven, lab.resolve("case_005.nii.gz"), DataType.UINT8);
        // case_006: label affine off by 5e-5 mm, within the tolerance: fine
        Affine nearly = Affine.of(1.5, 0, 0, -12.00005, 0, 1.25, 0, 8.5, 0, 0, 2, -30, 0, 0, 0, 1);
        ImageFiles.write(synthetic("case_006", 6, true).label().withAffine(nearly), lab.resolve("case_006.nii.gz"), DataType.UINT8);
        // orphan: a label without images
        Files.copy(lab.resolve("case_007.nii.gz"), lab.resolve("orphan.nii.gz"));
        // test case without its channel 1 (must not count as a training case)
        Files.delete(ds.resolve("imagesTs/unseen_001_0001.nii.gz"));

        DatasetValidationException e = (DatasetValidationException) org.assertj.core.api.Assertions.catchThrowable(() -> NnUnetDataset.read(ds));
        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo(ds);
        assertThat(e.problems()).extracting(CaseProblem::caseId)
            .containsExactlyInAnyOrder("case_000", "case_001", "case_002", "case_003", "case_004", "case_005", "orphan", "unseen_001",
                CaseProblem.DATASET);
        assertThat(e.getMessage())
            .contains("case case_000: label labelsTr/case_000.nii.gz differs from the image: shape [6, 5, 3] vs [6, 5, 4]")
            .contains("case case_001: channel 1 (imagesTr/case_001_0001.nii.gz) differs from channel 0: affine")
            .contains("max difference 0.500 mm")
            .contains("case case_002: missing label labelsTr/case_002.nii.gz")
            .contains("case case_003: missing channel 1 (imagesTr/case_003_0001.nii.gz)")
            .contains("case case_004: label has 1 voxel that are not non-negative integers (e.g. 0.5)")
            .contains("case case_005: label values [7] are not declared")
            .contains("case orphan: label labelsTr/orphan.nii.gz has no image in imagesTr")
            .contains("case unseen_001: missing channel 1 (imagesTs/unseen_001_0001.nii.gz)")
            .contains("numTraining 9 but imagesTr/labelsTr hold 10 cases")
            .doesNotContain("case_006").doesNotContain("case_007").doesNotContain("\n");
        // FILES validation sees only the naming problems
        DatasetValidationException files = (DatasetValidationException) org.assertj.core.api.Assertions.catchThrowable(
            () -> NnUnetDataset.read(ds, Validation.FILES));
        assertThat(files.problems()).extracting(CaseProblem::caseId).containsExactlyInAnyOrder("case_002", "case_003", "orphan", "unseen_001", CaseProblem.DATASET);
    }

    @Test
    void readsDecathlonLayoutWith4dImages() throws Exception {
        Path ds = Files.createDirectories(dir.resolve("Task09_Synthetic"));
        Files.createDirectories(ds.resolve("imagesTr"));
        Files.createDirectories(ds.resolve("labelsTr"));
        Files.createDirectories(ds.resolve("imagesTs"));
        for (int i = 0; i < 2; i++) {
            Case c = synthetic("s" + i, i, true);
            float[] both = new float[2 * 120];
            System.arraycopy(c.channels().get(0).data(), 0, both, 0, 120);
            System.arraycopy(c.channels().get(1).data(), 0, both, 120, 120);
            ImageFiles.write(new Volume(6, 5, 4, 2, both, AFFINE), ds.resolve("imagesTr/s" + i + ".nii.gz"), DataType.FLOAT32);
            ImageFiles.write(c.label(), ds.resolve("labelsTr/s" + i + ".nii.gz"), DataType.UINT8);
        }
        Case t = synthetic("t0", 5, false);
        ImageFiles.write(t.channels().get(0), ds.resolve("imagesTs/t0_0000.nii.gz"));
        ImageFiles.write(t.channels().get(1), ds.resolve("imagesTs/t0_0001.nii.gz"));
        Files.writeString(ds.resolve("._s0.nii.gz"), "macOS resource fork, ignored");
        Files.writeString(ds.resolve("dataset.json"), """
            {"name": "Synthetic", "modality": {"0": "T1", "1": "FLAIR"},
             "labels": {"0": "background", "1": "brain", "2": "lesion"}, "numTraining": 2, "numTest": 1,
             "training": [{"image": "./imagesTr/s0.nii.gz", "label": "./labelsTr/s0.nii.gz"},
                          {"image": "./imagesTr/s1.nii.gz", "label": "./labelsTr/s1.nii.gz"}],
             "test": ["./imagesTs/t0.nii.gz"]}""");
        Dataset d = NnUnetDataset.read(ds);
        assertThat(d.name()).isEqualTo("Synthetic");
        assertThat(d.labels()).isEqualTo(LABELS);
        Case s1 = d.training().get(1).load();
        assertSameCase(synthetic("s1", 1, true), s1);
        // the test entry names t0.nii.gz; nnU-Net v1 stores it as t0_0000 / t0_0001
        assertSameCase(t, d.test().get(0).load());

        // a training list that names a missing file, and a 4D image with the wrong channel count
        ImageFiles.write(synthetic("s1", 1, true).channels().get(0), ds.resolve("imagesTr/s1.nii.gz"));
        Files.writeString(ds.resolve("dataset.json"), """
            {"modality": {"0": "T1", "1": "FLAIR"}, "labels": {"0": "background", "1": "brain", "2": "lesion"},
             "training": [{"image": "./imagesTr/s1.nii.gz", "label": "./labelsTr/s1.nii.gz"},
                          {"image": "./imagesTr/s7.nii.gz", "label": "./labelsTr/s7.nii.gz"}]}""");
        assertThatThrownBy(() -> NnUnetDataset.read(ds)).isInstanceOf(DatasetValidationException.class)
            .hasMessageContaining("case s1: has 1 channel but the dataset declares 2")
            .hasMessageContaining("case s7: missing image ./imagesTr/s7.nii.gz")
            .hasMessageContaining("case s7: missing label ./labelsTr/s7.nii.gz");
    }

    /**
     * Real data through the whole path: Colin27 T1 with two real lesion masks (cropped to each
     * lesion's bounding box + 2 voxels, to keep the test fast) written as an nnU-Net dataset, read
     * back, and cut into a task whose slice count numpy gives ("lesion1 voxels 42008 axial (56, ...)"
     * from core/src/test/resources/reference/colin27_task_counts.py).
     */
    @Test
    void realLesionsRoundTripIntoATask() throws Exception {
        Volume ch2 = ImageFiles.readVolume(SharedData.file("colin27/ch2.nii.gz"));
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Volume lesion = ImageFiles.readVolume(SharedData.file("lesions/lesion" + i + ".nii.gz"));
            Box box = CropPad.nonzeroBox(lesion, 2).orElseThrow();
            cases.add(Case.of("lesion" + i, CropPad.crop(ch2, box), CropPad.crop(lesion, box)));
        }
        Dataset original = Dataset.inMemory("Dataset101_Lesions", List.of("T1"), Map.of(0, "background", 1, "lesion"), cases, List.of());
        Path target = dir.resolve("Dataset101_Lesions");
        NnUnetDataset.write(original, target, false);
        Dataset read = NnUnetDataset.read(target);
        List<Case> loaded = read.loadTraining();
        for (int i = 0; i < 2; i++) {
            assertSameCase(cases.get(i), loaded.get(i));
        }
        Task t = new TaskBuilder("lesions", loaded).build(LabelGrouping.binary("lesion", java.util.Set.of(1)), Axis.AXIAL);
        assertThat(t.samplesOfSubjects(List.of("lesion1"))).hasSize(56);
        assertThat(t.samplesOfSubjects(List.of("lesion1")).stream().mapToLong(TaskSample::foregroundPixels).sum()).isEqualTo(42008);
        // the same bytes give the same fingerprint; a changed file changes it
        String before = read.provenance().fingerprint();
        assertThat(NnUnetDataset.read(target, Validation.FILES).provenance().fingerprint()).isEqualTo(before);
        Files.writeString(target.resolve("dataset.json"), Files.readString(target.resolve("dataset.json")).replace("Lesions", "Lesions2"));
        assertThat(NnUnetDataset.read(target, Validation.FILES).provenance().fingerprint()).isNotEqualTo(before);
    }

    /** nnU-Net v2's optional "dataset" block lists files anywhere, relative to the dataset folder. */
    @Test
    void readsV2ExplicitFileList() throws Exception {
        Path ds = Files.createDirectories(dir.resolve("Dataset007_Listed"));
        Files.createDirectories(ds.resolve("scans"));
        Files.createDirectories(ds.resolve("segs"));
        Case c = synthetic("k1", 3, true);
        ImageFiles.write(c.channels().get(0), ds.resolve("scans/k1_t1.nii.gz"));
        ImageFiles.write(c.channels().get(1), ds.resolve("scans/k1_flair.nii.gz"));
        ImageFiles.write(c.label(), ds.resolve("segs/k1.nii.gz"), DataType.UINT8);
        Files.writeString(ds.resolve("dataset.json"), """
            {"channel_names": {"0": "T1", "1": "FLAIR"}, "labels": {"background": 0, "brain": 1, "lesion": 2},
             "numTraining": 2, "file_ending": ".nii.gz",
             "dataset": {"k1": {"images": ["scans/k1_t1.nii.gz", "scans/k1_flair.nii.gz"], "label": "segs/k1.nii.gz"},
                         "k2": {"images": ["scans/k2_t1.nii.gz", "scans/k2_flair.nii.gz"], "label": "segs/k2.nii.gz"}}}""");
        assertThatThrownBy(() -> NnUnetDataset.read(ds)).isInstanceOf(DatasetValidationException.class)
            .hasMessageContaining("case k2: missing image scans/k2_t1.nii.gz")
            .hasMessageContaining("case k2: missing image scans/k2_flair.nii.gz")
            .hasMessageContaining("case k2: missing label segs/k2.nii.gz")
            .hasMessageNotContaining("case k1");
        Files.writeString(ds.resolve("dataset.json"), Files.readString(ds.resolve("dataset.json"))
            .replace("\"numTraining\": 2", "\"numTraining\": 1").replaceAll(",\\s*\"k2\": \\{[^}]*\\}", ""));
        Dataset d = NnUnetDataset.read(ds);
        assertThat(d.training()).extracting(CaseSource::id).containsExactly("k1");
        assertSameCase(c, d.training().get(0).load());
    }

    @Test
    void clearErrorsForFoldersThatAreNotDatasets() throws Exception {
        assertThatThrownBy(() -> NnUnetDataset.read(dir.resolve("nope"))).isInstanceOf(DataException.class).hasMessageContaining("no such dataset folder");
        assertThatThrownBy(() -> NnUnetDataset.read(dir)).isInstanceOf(DataException.class).hasMessageContaining("no dataset.json");
        Files.writeString(dir.resolve("dataset.json"), "{\"channel_names\": {\"0\": \"T1\"}, \"labels\": {\"background\": 0, \"x\": 1}, \"numTraining\": 0, \"file_ending\": \".nii.gz\"}");
        Files.createDirectories(dir.resolve("imagesTr"));
        Files.writeString(dir.resolve("imagesTr/readme.txt"), "not an image: ignored");
        ImageFiles.write(Volume.zeros(2, 2, 2, null), dir.resolve("imagesTr/nosuffix.nii.gz"));
        ImageFiles.write(Volume.zeros(2, 2, 2, null), dir.resolve("imagesTr/other_0000.nii"));
        assertThatThrownBy(() -> NnUnetDataset.read(dir)).isInstanceOf(DatasetValidationException.class)
            .hasMessageContaining("imagesTr/nosuffix.nii.gz has no channel suffix")
            .hasMessageContaining("imagesTr/other_0000.nii does not end with the file_ending .nii.gz")
            .hasMessageNotContaining("readme");
    }
}
