package org.segforge.core.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.data.Case;
import org.segforge.core.data.CaseSource;
import org.segforge.core.data.Dataset;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairFolderTest {
    @TempDir
    Path dir;

    private void pair(Path folder, String image, String label, int seed) throws Exception {
        Case c = NnUnetDatasetTest.synthetic("x", seed, true);
        ImageFiles.write(c.channels().get(0), folder.resolve(image));
        if (label != null) {
            ImageFiles.write(c.label(), folder.resolve(label), DataType.UINT8);
        }
    }

    @Test
    void flatFolderPairsNameWithLabelSuffixes() throws Exception {
        pair(dir, "a.nii.gz", "a_seg.nii.gz", 0);
        pair(dir, "b.nii", "b_Label.nii.gz", 1);
        pair(dir, "c.nii.gz", "c_mask.nii", 2);
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        Dataset d = PairFolder.read(dir);
        assertThat(d.training()).extracting(CaseSource::id).containsExactly("a", "b", "c");
        assertThat(d.channelNames()).containsExactly("image");
        // no labels.json: values found are named
        assertThat(d.labels()).containsEntry(0, "background").containsEntry(1, "label_1").containsEntry(2, "label_2").hasSize(3);
        Case b = d.training().get(1).load();
        NnUnetDatasetTest.assertSameCase(new Case("b", List.of(NnUnetDatasetTest.synthetic("b", 1, true).channels().get(0)),
            NnUnetDatasetTest.synthetic("b", 1, true).label()), b);
        assertThat(d.provenance().fingerprint()).hasSize(64);
    }

    @Test
    void subfoldersPairByStem() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("labels"));
        pair(dir, "images/p1.nii.gz", "labels/p1.nii.gz", 0);
        pair(dir, "images/p2.nii.gz", "labels/p2_seg.nii", 1);
        Files.writeString(dir.resolve("labels.json"), "{\"background\": 0, \"brain\": 1, \"lesion\": 2}");
        Dataset d = PairFolder.read(dir);
        assertThat(d.training()).extracting(CaseSource::id).containsExactly("p1", "p2");
        assertThat(d.labels()).containsEntry(2, "lesion").hasSize(3);
    }

    @Test
    void reportsEveryUnmatchedOrAmbiguousFile() throws Exception {
        pair(dir, "a.nii.gz", "a_seg.nii.gz", 0);
        pair(dir, "lonely.nii.gz", null, 1);                       // image without label
        pair(dir, "ghost_seg.nii.gz", null, 2);                    // label without image
        pair(dir, "twice.nii.gz", "twice_seg.nii.gz", 3);
        pair(dir, "twice_mask.nii.gz", null, 3);                   // a second label for one image
        DatasetValidationException e = (DatasetValidationException) org.assertj.core.api.Assertions.catchThrowable(() -> PairFolder.read(dir));
        assertThat(e.problems()).extracting(CaseProblem::caseId).containsExactlyInAnyOrder("lonely", "ghost", "twice");
        assertThat(e.getMessage())
            .contains("case lonely: image lonely.nii.gz has no label (expected lonely_seg (or _label, _labels, _mask) with an image ending)")
            .contains("case ghost: label ghost_seg.nii.gz matches no image")
            .contains("case twice: image twice.nii.gz has several labels: [twice_mask.nii.gz, twice_seg.nii.gz]");
        assertThatThrownBy(() -> PairFolder.read(dir.resolve("none"))).isInstanceOf(DataException.class);
    }

    @Test
    void validatesContentLikeNnUnet() throws Exception {
        pair(dir, "a.nii.gz", "a_seg.nii.gz", 0);
        Volume wrong = Volume.zeros(6, 5, 2, NnUnetDatasetTest.AFFINE);
        ImageFiles.write(NnUnetDatasetTest.synthetic("b", 1, true).channels().get(0), dir.resolve("b.nii.gz"));
        ImageFiles.write(wrong, dir.resolve("b_seg.nii.gz"), DataType.UINT8);
        Files.writeString(dir.resolve("labels.json"), "{\"0\": \"background\", \"1\": \"brain\"}");
        // file-level validation does not read voxels, so it finds nothing wrong
        assertThat(PairFolder.read(dir, Validation.FILES).training()).hasSize(2);
        assertThatThrownBy(() -> PairFolder.read(dir)).isInstanceOf(DatasetValidationException.class)
            .hasMessageContaining("case a: label values [2] are not declared")
            .hasMessageContaining("case b: label b_seg.nii.gz differs from the image: shape [6, 5, 2] vs [6, 5, 4]");
    }

    /** Real data: Colin27 T1 with the AAL atlas as its label, linked into a pair folder. */
    @Test
    void readsColin27WithAalAsAPair() throws Exception {
        Files.createSymbolicLink(dir.resolve("colin27.nii.gz"), SharedData.file("colin27/ch2.nii.gz"));
        Files.createSymbolicLink(dir.resolve("colin27_seg.nii.gz"), SharedData.file("colin27/aal.nii.gz"));
        Dataset d = PairFolder.read(dir);
        // AAL holds values 1..116 (numpy: len(np.unique(aal[aal > 0])) = 116, max 116), plus background
        assertThat(d.labels()).hasSize(117).containsEntry(116, "label_116");
        assertThat(((CaseFiles) d.training().get(0)).label().getFileName()).hasToString("colin27_seg.nii.gz");
        // declaring only 100 regions makes the other 16 an error
        StringBuilder json = new StringBuilder("{\"background\": 0");
        for (int v = 1; v <= 100; v++) {
            json.append(", \"r").append(v).append("\": ").append(v);
        }
        Files.writeString(dir.resolve("labels.json"), json.append('}').toString());
        assertThatThrownBy(() -> PairFolder.read(dir)).isInstanceOf(DatasetValidationException.class)
            .hasMessageContaining("case colin27: label values [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116] are not declared");
    }
}
