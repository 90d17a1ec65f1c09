package org.segforge.core.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.segforge.core.DataException;
import org.junit.jupiter.api.Test;

class DatasetJsonTest {
    static final Path FILE = Path.of("dataset.json");

    static DatasetJson parse(String json) throws Exception {
        JsonNode node = DatasetJson.MAPPER.readTree(json);
        return DatasetJson.parse(FILE, node);
    }

    @Test
    void readsNnUnetV2() throws Exception {
        DatasetJson j = parse("""
            {"name": "Dataset001_Brain", "channel_names": {"1": "FLAIR", "0": "T1"},
             "labels": {"background": 0, "brain": 1, "lesion": 2}, "numTraining": 3, "file_ending": ".nii.gz"}""");
        assertThat(j.version()).isEqualTo(2);
        assertThat(j.name()).isEqualTo("Dataset001_Brain");
        assertThat(j.channelNames()).containsExactly("T1", "FLAIR");
        assertThat(j.labels()).containsExactly(Map.entry(0, "background"), Map.entry(1, "brain"), Map.entry(2, "lesion"));
        assertThat(j.numTraining()).isEqualTo(3);
        assertThat(j.fileEnding()).isEqualTo(".nii.gz");
        assertThat(j.training()).isNull();
        assertThat(j.test()).isNull();
    }

    /** The shape of the Decathlon's Task01_BrainTumour/dataset.json (abridged). */
    @Test
    void readsDecathlonV1() throws Exception {
        DatasetJson j = parse("""
            {"name": "BRATS", "tensorImageSize": "4D",
             "modality": {"0": "FLAIR", "1": "T1w", "2": "t1gd", "3": "T2w"},
             "labels": {"0": "background", "1": "edema", "2": "non-enhancing tumor", "3": "enhancing tumour"},
             "numTraining": 2, "numTest": 1,
             "training": [{"image": "./imagesTr/BRATS_457.nii.gz", "label": "./labelsTr/BRATS_457.nii.gz"},
                          {"image": "./imagesTr/BRATS_306.nii.gz", "label": "./labelsTr/BRATS_306.nii.gz"}],
             "test": ["./imagesTs/BRATS_557.nii.gz"]}""");
        assertThat(j.version()).isEqualTo(1);
        assertThat(j.channelNames()).containsExactly("FLAIR", "T1w", "t1gd", "T2w");
        assertThat(j.labels()).containsEntry(3, "enhancing tumour").hasSize(4);
        assertThat(j.fileEnding()).isEqualTo(".nii.gz");
        assertThat(j.training()).extracting(DatasetJson.Entry::id).containsExactly("BRATS_457", "BRATS_306");
        assertThat(j.training().get(0).label()).isEqualTo("./labelsTr/BRATS_457.nii.gz");
        assertThat(j.test()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("BRATS_557");
            assertThat(e.label()).isNull();
        });
    }

    @Test
    void readsV2ExplicitFileList() throws Exception {
        DatasetJson j = parse("""
            {"channel_names": {"0": "CT"}, "labels": {"background": 0, "liver": 1}, "numTraining": 1, "file_ending": ".nii.gz",
             "dataset": {"liver_7": {"images": ["some/where/liver_7.nii.gz"], "label": "segs/liver_7.nii.gz"}}}""");
        assertThat(j.training()).containsExactly(new DatasetJson.Entry("liver_7", List.of("some/where/liver_7.nii.gz"), "segs/liver_7.nii.gz"));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertBad("[1, 2]", "must hold a JSON object");
        assertBad("{\"labels\": {\"background\": 0}}", "neither \"channel_names\"");
        assertBad("{\"channel_names\": {\"0\": \"T1\"}, \"labels\": {\"brain\": 1}}", "background as value 0");
        assertBad("{\"channel_names\": {\"0\": \"T1\"}, \"labels\": {\"background\": 0, \"tumour\": [1, 2]}}", "region-based labels are not supported");
        assertBad("{\"channel_names\": {\"0\": \"T1\", \"2\": \"T2\"}, \"labels\": {\"background\": 0}}", "numbered 0..1");
        assertBad("{\"channel_names\": {\"0\": \"T1\"}, \"labels\": {\"background\": 0, \"a\": 1, \"b\": 1}}", "value 1 is declared twice");
        assertBad("{\"channel_names\": {\"0\": \"T1\"}, \"labels\": {\"background\": 0}, \"numTraining\": 2.5}", "numTraining");
        assertBad("{\"channel_names\": {\"0\": \"T1\"}, \"labels\": {\"background\": 0, \"x\": \"y\"}}", "neither name");
    }

    private static void assertBad(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(DataException.class)
            .hasMessageStartingWith("dataset.json: ").hasMessageContaining(message);
    }

    @Test
    void writesV2ThatReadsBack() throws Exception {
        String text = DatasetJson.toV2Json("Dataset002_Lesions", null, List.of("T1"), Map.of(0, "background", 1, "lesion"), 24,
            ".nii.gz", Map.of("source", "x"));
        assertThat(text).contains("\"channel_names\"").contains("\"file_ending\" : \".nii.gz\"").doesNotContain("description");
        DatasetJson back = parse(text);
        assertThat(back.version()).isEqualTo(2);
        assertThat(back.labels()).containsExactly(Map.entry(0, "background"), Map.entry(1, "lesion"));
        assertThat(back.numTraining()).isEqualTo(24);
        assertThat(back.name()).isEqualTo("Dataset002_Lesions");
    }
}
